import type { Document } from 'bson';
import { CommandError, fail, toCommandError } from '../errors';
import { isPlainObject } from '../paths';
import { findMatches } from '../query';
import type { Collection } from '../storage/collection';
import { applyUpdate, checkIdUnchanged, isOperatorUpdate, sameDoc, upsertSeed, validateId, validateUpdate, withIdFirst } from '../update';
import { collectionName, withLockRetry, type CommandContext } from './context';

interface WriteError {
  index: number;
  code: number;
  codeName?: string;
  errmsg: string;
  [extra: string]: unknown;
}

function writeError(index: number, err: unknown): WriteError {
  const e = toCommandError(err);
  return { index, code: e.code, errmsg: e.message, ...e.extra };
}

function statements(ctx: CommandContext, field: string): Document[] {
  const list = ctx.cmd[field];
  if (!Array.isArray(list)) fail('FailedToParse', `BSON field '${ctx.name}.${field}' is missing but a required field`);
  if (list.length > 100_000) fail('InvalidLength', `Write batch sizes must be between 1 and 100000. Got ${list.length} operations.`);
  return list as Document[];
}

/** Executes statements in order; ordered batches stop at the first error. */
async function runBatch(ctx: CommandContext, count: number, step: (i: number) => Promise<void>): Promise<WriteError[]> {
  const ordered = ctx.cmd.ordered !== false;
  const errors: WriteError[] = [];
  for (let i = 0; i < count; i++) {
    try {
      await step(i);
    } catch (err) {
      // A transaction's write conflict fails the whole command with its label.
      if (err instanceof CommandError && (err.code === 112 || ctx.txn)) throw err;
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  return errors;
}

/** runBatch for steps that never wait. */
function runBatchSync(ctx: CommandContext, count: number, step: (i: number) => void): WriteError[] {
  const ordered = ctx.cmd.ordered !== false;
  const errors: WriteError[] = [];
  for (let i = 0; i < count; i++) {
    try {
      step(i);
    } catch (err) {
      if (err instanceof CommandError && err.code === 112) throw err;
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  return errors;
}

function finish(reply: Document, errors: WriteError[]): Document {
  if (errors.length > 0) reply.writeErrors = errors;
  reply.ok = 1;
  return reply;
}

/** Inserts one document as the insert command does (`_id` generated and moved first). */
export function insertDoc(ctx: CommandContext, coll: Collection, raw: unknown): void {
  if (!isPlainObject(raw)) fail('TypeMismatch', 'document to insert must be an object');
  const doc = withIdFirst(raw);
  validateId(doc);
  ctx.writer.insert(coll, doc);
}

/** Deletes the first (`multi` false) or every document matching `filter`; returns how many. */
export function deleteMatching(ctx: CommandContext, coll: Collection, filter: Document, opts: { multi: boolean; collation?: Document; hint?: unknown; let?: Document }): number {
  const matches = findMatches(coll, filter, { limit: opts.multi ? undefined : 1, collation: opts.collation, hint: opts.hint, let: opts.let }, ctx.writer.view);
  if (!ctx.txn) for (const m of matches) if (coll.locks.has(m.rid)) ctx.writer.remove(coll, m.rid);
  for (const m of matches) ctx.writer.remove(coll, m.rid);
  return matches.length;
}

export async function insert(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx);
  const docs = statements(ctx, 'documents');
  const coll = ctx.engine.catalog.ensure(ctx.db, name);
  let n = 0;
  const one = (i: number): void => {
    insertDoc(ctx, coll, docs[i]);
    n++;
  };
  let errors: WriteError[];
  if (ctx.txn) errors = await runBatch(ctx, docs.length, (i) => withLockRetry(ctx, () => one(i)));
  else {
    // Autocommit inserts never wait for locks: run the batch synchronously and merge index entries once.
    coll.beginBulk();
    try {
      errors = runBatchSync(ctx, docs.length, one);
    } finally {
      coll.endBulk();
    }
  }
  ctx.engine.opCounters.insert += n;
  return finish({ n }, errors);
}

export interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  before?: Document;
  after?: Document;
}

/** One update statement (used by update and findAndModify). */
export function updateOne(
  ctx: CommandContext,
  coll: Collection,
  stmt: { q: Document; u: unknown; multi: boolean; upsert: boolean; arrayFilters?: Document[]; collation?: Document; hint?: unknown; sort?: Document; let?: Document },
): UpdateOutcome {
  const u = validateUpdate(stmt.u);
  if (stmt.multi && !Array.isArray(u) && !isOperatorUpdate(u)) fail('FailedToParse', 'multi update is not supported for replacement-style update');
  const matches = findMatches(coll, stmt.q, { hint: stmt.hint, collation: stmt.collation, sort: stmt.sort, limit: stmt.multi ? undefined : 1, let: stmt.let }, ctx.writer.view);
  if (matches.length === 0) {
    if (!stmt.upsert) return { matched: 0, modified: 0 };
    const seed = Array.isArray(u) || isOperatorUpdate(u) ? upsertSeed(stmt.q) : upsertSeed(stmt.q)._id !== undefined ? { _id: upsertSeed(stmt.q)._id } : {};
    let doc = applyUpdate(seed, u, stmt.q, stmt.arrayFilters, true, stmt.let);
    if (!Array.isArray(u) && !isOperatorUpdate(u) && seed._id !== undefined && doc._id === undefined) doc._id = seed._id;
    doc = withIdFirst(doc);
    validateId(doc);
    ctx.writer.insert(coll, doc);
    return { matched: 0, modified: 0, upsertedId: doc._id, after: doc };
  }
  let modified = 0;
  const planned: { rid: number; before: Document; after: Document }[] = [];
  for (const m of matches) {
    const after = applyUpdate(m.doc, u, stmt.q, stmt.arrayFilters, false, stmt.let);
    if (after._id === undefined) after._id = m.doc._id;
    checkIdUnchanged(m.doc, after);
    planned.push({ rid: m.rid, before: m.doc, after: withIdFirst(after) });
  }
  // Locks are checked for every target before any is written, so a retried statement never applies twice.
  const kind = Array.isArray(u) || isOperatorUpdate(u) ? 'update' : 'replace';
  if (!ctx.txn) for (const p of planned) if (coll.locks.has(p.rid)) ctx.writer.replace(coll, p.rid, p.after, kind);
  for (const p of planned) {
    if (sameDoc(p.before, p.after)) continue;
    ctx.writer.replace(coll, p.rid, p.after, kind);
    modified++;
  }
  const first = planned[0] as { before: Document; after: Document };
  return { matched: matches.length, modified, before: first.before, after: first.after };
}

export async function update(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx);
  const stmts = statements(ctx, 'updates');
  let coll = ctx.engine.catalog.get(ctx.db, name);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const errors = await runBatch(ctx, stmts.length, async (i) => {
    const s = stmts[i];
    if (!isPlainObject(s)) fail('TypeMismatch', 'update statement must be an object');
    if (!isPlainObject(s.q)) fail('TypeMismatch', "BSON field 'update.updates.q' is the wrong type, expected type 'object'");
    if (s.upsert && !coll) coll = ctx.engine.catalog.ensure(ctx.db, name);
    if (!coll) {
      validateUpdate(s.u);
      return;
    }
    const target = coll;
    const out = await withLockRetry(ctx, () =>
      updateOne(ctx, target, {
        q: s.q as Document,
        u: s.u,
        multi: s.multi === true,
        upsert: s.upsert === true,
        arrayFilters: s.arrayFilters as Document[] | undefined,
        collation: s.collation as Document | undefined,
        hint: s.hint,
        sort: s.sort as Document | undefined,
        let: ctx.cmd.let as Document | undefined,
      }),
    );
    n += out.matched;
    nModified += out.modified;
    if (out.upsertedId !== undefined) {
      n += 1;
      upserted.push({ index: i, _id: out.upsertedId });
    }
  });
  ctx.engine.opCounters.update += stmts.length;
  const reply: Document = { n, nModified };
  if (upserted.length > 0) reply.upserted = upserted;
  return finish(reply, errors);
}

export async function remove(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx);
  const stmts = statements(ctx, 'deletes');
  const coll = ctx.engine.catalog.get(ctx.db, name);
  let n = 0;
  const errors = await runBatch(ctx, stmts.length, async (i) => {
    const s = stmts[i];
    if (!isPlainObject(s) || !isPlainObject(s.q)) fail('TypeMismatch', "BSON field 'delete.deletes.q' is the wrong type, expected type 'object'");
    if (s.limit !== 0 && s.limit !== 1) fail('FailedToParse', 'The limit field in delete objects must be 0 or 1. Got ' + String(s.limit));
    if (!coll) return;
    n += await withLockRetry(ctx, () => deleteMatching(ctx, coll, s.q as Document, { multi: s.limit !== 1, collation: s.collation as Document | undefined, hint: s.hint, let: ctx.cmd.let as Document | undefined }));
  });
  ctx.engine.opCounters.delete += stmts.length;
  return finish({ n }, errors);
}
