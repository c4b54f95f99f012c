import { Long, type Document } from 'bson';
import { compareBson } from '../bson-order';
import { fail } from '../errors';
import { pathValues } from '../paths';
import { countMatches, findMatches, project, projectedFields } from '../query';
import { changeStreamGetMore, killChangeStream } from './change-stream';
import { collectionName, cursorReply, optionalDoc, optionalNumber, type CommandContext } from './context';

export function find(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  const ns = `${ctx.db}.${name}`;
  const filter = optionalDoc(ctx.cmd, 'filter') ?? {};
  const projection = optionalDoc(ctx.cmd, 'projection');
  const sort = optionalDoc(ctx.cmd, 'sort');
  const skip = optionalNumber(ctx.cmd, 'skip');
  let limit = optionalNumber(ctx.cmd, 'limit');
  const batchSize = optionalNumber(ctx.cmd, 'batchSize');
  if (skip !== undefined && skip < 0) fail('BadValue', `Skip value must be non-negative, but received: ${skip}`);
  if (batchSize !== undefined && batchSize < 0) fail('BadValue', `BatchSize value must be non-negative, but received: ${batchSize}`);
  let singleBatch = ctx.cmd.singleBatch === true;
  if (limit !== undefined && limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const collation = optionalDoc(ctx.cmd, 'collation');
  const coll = ctx.engine.catalog.get(ctx.db, name);
  const fields = projectedFields(projection);
  const matches = findMatches(coll, filter, { sort, skip, limit: limit || undefined, hint: ctx.cmd.hint, collation, let: optionalDoc(ctx.cmd, 'let'), fields }, ctx.view);
  ctx.engine.opCounters.query++;
  const docs = matches.map((m) => m.doc);
  const transform = (batch: Document[]): Document[] => project(batch, projection, filter, collation);
  const first = ctx.engine.cursors.open(ns, docs, batchSize ?? 101, transform, ctx.session?.key ?? null, ctx.cmd.noCursorTimeout === true, singleBatch);
  return cursorReply(ns, first.id, first.batch, true);
}

export function getMore(ctx: CommandContext): Document | Promise<Document> {
  const raw: unknown = ctx.cmd.getMore;
  const id = raw instanceof Long ? raw.toBigInt() : typeof raw === 'number' ? BigInt(raw) : null;
  if (id === null) fail('TypeMismatch', "BSON field 'getMore.getMore' is the wrong type, expected type 'long'");
  const collection = ctx.cmd.collection;
  if (typeof collection !== 'string') fail('TypeMismatch', "BSON field 'getMore.collection' is missing but a required field");
  const stream = changeStreamGetMore(ctx, id);
  if (stream) return stream;
  const cursor = ctx.engine.cursors.get(id);
  if (!cursor) fail('CursorNotFound', `cursor id ${id.toString()} not found`);
  if (cursor.ns !== `${ctx.db}.${collection}`) {
    fail('Location', `Requested getMore on namespace '${ctx.db}.${collection}', but cursor belongs to a different namespace ${cursor.ns}`);
  }
  const batchSize = optionalNumber(ctx.cmd, 'batchSize');
  ctx.engine.opCounters.getmore++;
  const next = ctx.engine.cursors.next(cursor, batchSize);
  return cursorReply(cursor.ns, next.id, next.batch, false);
}

export function killCursors(ctx: CommandContext): Document {
  collectionName(ctx);
  const ids: unknown = ctx.cmd.cursors;
  if (!Array.isArray(ids)) fail('TypeMismatch', "BSON field 'killCursors.cursors' is missing but a required field");
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const raw of ids) {
    const id = raw instanceof Long ? raw : Long.fromNumber(Number(raw));
    (ctx.engine.cursors.kill(id.toBigInt()) || killChangeStream(ctx.engine, id.toBigInt()) ? killed : notFound).push(id);
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

export function count(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  const query = optionalDoc(ctx.cmd, 'query') ?? {};
  const skip = optionalNumber(ctx.cmd, 'skip') ?? 0;
  const limit = Math.abs(optionalNumber(ctx.cmd, 'limit') ?? 0);
  if (skip < 0) fail('BadValue', `skip value is negative in count query`);
  const coll = ctx.engine.catalog.get(ctx.db, name);
  let n = countMatches(coll, query, { hint: ctx.cmd.hint, collation: optionalDoc(ctx.cmd, 'collation') }, ctx.view);
  n = Math.max(0, n - skip);
  if (limit > 0) n = Math.min(n, limit);
  return { n, ok: 1 };
}

export function distinct(ctx: CommandContext): Document {
  const name = collectionName(ctx);
  const key = ctx.cmd.key;
  if (typeof key !== 'string') fail('TypeMismatch', "BSON field 'distinct.key' is missing but a required field");
  const query = optionalDoc(ctx.cmd, 'query') ?? {};
  const coll = ctx.engine.catalog.get(ctx.db, name);
  const matches = findMatches(coll, query, { hint: ctx.cmd.hint, collation: optionalDoc(ctx.cmd, 'collation') }, ctx.view);
  const values: unknown[] = [];
  for (const m of matches) {
    const r = pathValues(m.doc, key);
    if (!r.found) continue;
    for (const v of r.values) if (v !== undefined) values.push(v);
  }
  values.sort(compareBson);
  const unique = values.filter((v, i) => i === 0 || compareBson(v, values[i - 1]) !== 0);
  return { values: unique, ok: 1 };
}
