import { Long, Timestamp, type Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { changeLog, type ChangeEntry, type ChangeLog } from '../change-log';
import type { Engine } from '../engine';
import { CommandError, fail, toCommandError } from '../errors';
import { isPlainObject } from '../paths';
import { findMatches, latestView, mingoOptions } from '../query';
import { splitNs } from '../catalog';
import { optionalNumber, type CommandContext } from './context';

/**
 * Change streams (manual: "Change Streams", "Change Events", "Resume a Change Stream"): `aggregate` with a
 * first `$changeStream` stage opens a tailable cursor over the change log for one collection, one database or
 * (on admin with `allChangesForCluster`) all of them. Events carry a resume token as `_id`; `resumeAfter`,
 * `startAfter` and `startAtOperationTime` start from a position, also after a restart. getMore waits for new
 * events up to `maxTimeMS` (1 s by default, as mongod's awaitData).
 */
const ALLOWED_STAGES = new Set(['$match', '$project', '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith', '$redact']);
const FULL_DOCUMENT = new Set(['default', 'updateLookup']);

interface StreamCursor {
  id: bigint;
  ns: string;
  scope: { db: string | null; coll: string | null };
  after: number;
  pipeline: Aggregator | null;
  updateLookup: boolean;
  invalidated: boolean;
  lastUsed: number;
}

const registries = new WeakMap<Engine, Map<bigint, StreamCursor>>();
let nextId = 1n << 61n;

function registry(engine: Engine): Map<bigint, StreamCursor> {
  let r = registries.get(engine);
  if (!r) {
    r = new Map();
    registries.set(engine, r);
  }
  const cutoff = Date.now() - engine.params.cursorTimeoutMillis;
  for (const [id, c] of r) if (c.lastUsed < cutoff) r.delete(id);
  return r;
}

/** A resume token: the log position after which the stream continues (`_data` as mongod, a hex string). */
function token(id: number, invalidate = false): Document {
  return { _data: id.toString(16).toUpperCase().padStart(16, '0') + (invalidate ? '01' : '00') };
}

function tokenPosition(t: unknown, field: string): number {
  const data = isPlainObject(t) ? t._data : undefined;
  if (typeof data !== 'string' || !/^[0-9A-F]{18}$/i.test(data)) fail('BadValue', `${field} is not a valid resume token`);
  return parseInt(data.slice(0, 16), 16);
}

function startPosition(log: ChangeLog, spec: Document): number {
  const given = ['resumeAfter', 'startAfter', 'startAtOperationTime'].filter((k) => spec[k] !== undefined);
  if (given.length > 1) fail('Location', 'Only one type of resume option is allowed, but multiple were found.', { code: 40674, codeName: 'Location40674' });
  let after = log.lastId;
  if (spec.resumeAfter !== undefined || spec.startAfter !== undefined) {
    const field = spec.resumeAfter !== undefined ? 'resumeAfter' : 'startAfter';
    const raw: unknown = spec[field];
    after = tokenPosition(raw, field);
    if (field === 'resumeAfter' && String((raw as Document)._data).endsWith('01')) {
      throw new CommandError(260, 'InvalidResumeToken', 'Attempting to resume a change stream using \'resumeAfter\' is not allowed from an invalidate notification.');
    }
  } else if (spec.startAtOperationTime !== undefined) {
    if (!(spec.startAtOperationTime instanceof Timestamp)) fail('TypeMismatch', "BSON field '$changeStream.startAtOperationTime' is the wrong type, expected type 'timestamp'");
    after = log.idBefore(spec.startAtOperationTime);
  }
  if (after < log.firstId - 1) {
    throw new CommandError(286, 'ChangeStreamHistoryLost', 'Resume of change stream was not possible, as the resume point may no longer be in the oplog.');
  }
  return after;
}

function inScope(cur: StreamCursor, e: ChangeEntry): boolean {
  const [db, coll] = splitNs(e.ns);
  if (cur.scope.db !== null && cur.scope.db !== db) return false;
  return cur.scope.coll === null || e.op === 'dropDatabase' || cur.scope.coll === coll;
}

/** The change events of one log entry as mongod writes them (field order included). */
function events(engine: Engine, cur: StreamCursor, e: ChangeEntry): Document[] {
  const [db, coll] = splitNs(e.ns);
  const head = { _id: token(e._id), operationType: e.op, clusterTime: e.ts, wallTime: e.wall };
  const ns = e.op === 'dropDatabase' ? { db } : { db, coll };
  switch (e.op) {
    case 'insert':
    case 'replace':
      return [{ ...head, fullDocument: e.doc, ns, documentKey: e.key }];
    case 'update': {
      const event: Document = { ...head, ns, documentKey: e.key, updateDescription: e.ud };
      if (cur.updateLookup) {
        const target = engine.catalog.get(db, coll);
        event.fullDocument = findMatches(target, { _id: e.key?._id }, { limit: 1 }, latestView)[0]?.doc ?? null;
      }
      return [event];
    }
    case 'delete':
      return [{ ...head, ns, documentKey: e.key }];
    default: {
      const event: Document = { ...head, ns };
      if (e.op === 'rename' && e.to) {
        const [toDb, toColl] = splitNs(e.to);
        event.to = { db: toDb, coll: toColl };
      }
      // Dropping or renaming the watched collection (or dropping the watched database) ends the stream.
      const ends = cur.scope.coll !== null ? e.op !== 'dropDatabase' || cur.scope.db === db : e.op === 'dropDatabase' && cur.scope.db !== null;
      if (!ends) return [event];
      return [event, { _id: token(e._id, true), operationType: 'invalidate', clusterTime: e.ts, wallTime: e.wall }];
    }
  }
}

function nextBatch(engine: Engine, cur: StreamCursor, batchSize: number): Document[] {
  const log = changeLog(engine);
  const out: Document[] = [];
  while (out.length < batchSize && !cur.invalidated) {
    const entries = log.read(cur.after, Math.max(1, Math.min(1000, batchSize - out.length)));
    if (entries.length === 0) {
      cur.after = Math.max(cur.after, log.lastId);
      break;
    }
    for (const e of entries) {
      cur.after = e._id;
      if (!inScope(cur, e)) continue;
      let shaped = events(engine, cur, e);
      if (cur.pipeline) {
        try {
          shaped = cur.pipeline.run<Document>(shaped);
        } catch (err) {
          throw toCommandError(err);
        }
      }
      for (const ev of shaped) {
        out.push(ev);
        if (ev.operationType === 'invalidate') cur.invalidated = true;
      }
      if (cur.invalidated || out.length >= batchSize) break;
    }
  }
  return out;
}

function reply(cur: StreamCursor, batch: Document[], first: boolean, engine: Engine): Document {
  const id = cur.invalidated ? Long.ZERO : Long.fromBigInt(cur.id);
  if (cur.invalidated) registry(engine).delete(cur.id);
  const pbrt = batch.length > 0 && batch.at(-1)?.operationType === 'invalidate' ? (batch.at(-1)?._id as Document) : token(cur.after);
  const cursor: Document = first ? { firstBatch: batch } : { nextBatch: batch };
  return { cursor: { ...cursor, postBatchResumeToken: pbrt, id, ns: cur.ns }, ok: 1 };
}

/** Opens a change stream for an `aggregate` whose first stage is `$changeStream`. */
export function openChangeStream(ctx: CommandContext, stages: Document[]): Document {
  if (ctx.txn) fail('OperationNotSupportedInTransaction', 'Operation not permitted in transaction :: caused by :: $changeStream cannot run in a transaction');
  const spec: unknown = stages[0]?.$changeStream;
  if (!isPlainObject(spec)) fail('FailedToParse', "the $changeStream stage must be specified as an object, got " + typeof spec);
  const rest = stages.slice(1);
  for (const s of rest) {
    const op = Object.keys(s)[0] as string;
    if (op === '$changeStream') fail('Location', '$changeStream is only valid as the first stage in a pipeline.', { code: 40602, codeName: 'Location40602' });
    if (!ALLOWED_STAGES.has(op)) fail('IllegalOperation', `${op} is not permitted in a $changeStream pipeline`);
  }
  const fullDocument = spec.fullDocument ?? 'default';
  if (typeof fullDocument !== 'string' || !FULL_DOCUMENT.has(fullDocument)) fail('InvalidOptions', `fullDocument '${String(fullDocument)}' is not supported by the embedded engine (no post-images)`);
  if (spec.fullDocumentBeforeChange !== undefined && spec.fullDocumentBeforeChange !== 'off') fail('InvalidOptions', 'fullDocumentBeforeChange is not supported by the embedded engine (no pre-images)');
  const target: unknown = ctx.cmd.aggregate;
  const cluster = spec.allChangesForCluster === true;
  if (cluster && (ctx.db !== 'admin' || target !== 1)) fail('InvalidOptions', "A $changeStream with 'allChangesForCluster:true' may only be opened on the 'admin' database, and with no collection name");
  if (!cluster && ['admin', 'local', 'config'].includes(ctx.db)) fail('InvalidNamespace', `$changeStream may not be opened on the internal ${ctx.db} database`);
  const log = changeLog(ctx.engine);
  log.enable();
  const cur: StreamCursor = {
    id: ++nextId,
    ns: typeof target === 'string' ? `${ctx.db}.${target}` : `${ctx.db}.$cmd.aggregate`,
    scope: { db: cluster ? null : ctx.db, coll: typeof target === 'string' ? target : null },
    after: startPosition(log, spec),
    pipeline: rest.length > 0 ? new Aggregator(rest, mingoOptions()) : null,
    updateLookup: fullDocument === 'updateLookup',
    invalidated: false,
    lastUsed: Date.now(),
  };
  registry(ctx.engine).set(cur.id, cur);
  const batchSize = isPlainObject(ctx.cmd.cursor) ? (optionalNumber(ctx.cmd.cursor, 'batchSize') ?? 101) : 101;
  return reply(cur, nextBatch(ctx.engine, cur, batchSize), true, ctx.engine);
}

/** getMore on a change stream cursor, or null when the id is not one. */
export function changeStreamGetMore(ctx: CommandContext, id: bigint): Promise<Document> | null {
  const cur = registry(ctx.engine).get(id);
  if (!cur) return null;
  return (async () => {
    if (cur.ns !== `${ctx.db}.${String(ctx.cmd.collection)}`) {
      fail('Location', `Requested getMore on namespace '${ctx.db}.${String(ctx.cmd.collection)}', but cursor belongs to a different namespace ${cur.ns}`);
    }
    cur.lastUsed = Date.now();
    const batchSize = optionalNumber(ctx.cmd, 'batchSize') ?? Infinity;
    const deadline = Date.now() + (optionalNumber(ctx.cmd, 'maxTimeMS') ?? 1000);
    let batch = nextBatch(ctx.engine, cur, batchSize);
    while (batch.length === 0 && !cur.invalidated && registry(ctx.engine).has(cur.id) && Date.now() < deadline) {
      await changeLog(ctx.engine).waitForEntry(deadline - Date.now());
      batch = nextBatch(ctx.engine, cur, batchSize);
    }
    cur.lastUsed = Date.now();
    return reply(cur, batch, false, ctx.engine);
  })();
}

export function killChangeStream(engine: Engine, id: bigint): boolean {
  return registry(engine).delete(id);
}
