import { Long, type Document } from 'bson';
import { splitNs } from '../catalog';
import { CommandError, fail, toCommandError } from '../errors';
import { isPlainObject } from '../paths';
import { validateUpdate } from '../update';
import { optionalDoc, withLockRetry, type CommandContext } from './context';
import { deleteMatching, insertDoc, updateOne } from './write';

/**
 * The client-level `bulkWrite` command of MongoDB 8.0 (manual: "bulkWrite" command,
 * `MongoClient.bulkWrite`): inserts, updates, replacements and deletes over several namespaces (`nsInfo`) in
 * one command, on the admin database; ordered batches stop at the first error, unordered ones go on; one
 * result per operation (only the errors with `errorsOnly`) in a cursor, and totals beside it.
 */
interface Totals {
  nErrors: number;
  nInserted: number;
  nMatched: number;
  nModified: number;
  nUpserted: number;
  nDeleted: number;
}

function namespaces(ctx: CommandContext): string[] {
  const list: unknown = ctx.cmd.nsInfo;
  if (!Array.isArray(list) || list.length === 0) fail('FailedToParse', "BSON field 'bulkWrite.nsInfo' is missing but a required field");
  return list.map((e) => {
    const ns: unknown = isPlainObject(e) ? e.ns : undefined;
    if (typeof ns !== 'string' || !ns.includes('.')) fail('InvalidNamespace', `Invalid namespace specified '${String(ns)}'`);
    return ns;
  });
}

/** Runs one operation; returns its success result (without `ok`/`idx`). */
async function runOp(ctx: CommandContext, op: Document, nss: string[], totals: Totals): Promise<Document> {
  const kind = ['insert', 'update', 'delete'].find((k) => k in op);
  if (!kind) fail('FailedToParse', 'Unrecognized bulkWrite operation: ' + Object.keys(op).join(','));
  const index: unknown = op[kind];
  const ns = typeof index === 'number' ? nss[index] : undefined;
  if (ns === undefined) fail('BadValue', `BulkWrite ops entry ${kind} has an invalid nsInfo index: ${String(index)}`);
  const [db, name] = splitNs(ns);
  const catalog = ctx.engine.catalog;
  if (kind === 'insert') {
    const coll = catalog.ensure(db, name);
    await withLockRetry(ctx, () => insertDoc(ctx, coll, op.document));
    totals.nInserted++;
    ctx.engine.opCounters.insert++;
    return { n: 1 };
  }
  const filter = optionalDoc(op, 'filter') ?? {};
  const collation = optionalDoc(op, 'collation');
  const lets = optionalDoc(ctx.cmd, 'let');
  if (kind === 'delete') {
    const coll = catalog.get(db, name);
    const n = coll ? await withLockRetry(ctx, () => deleteMatching(ctx, coll, filter, { multi: op.multi === true, collation, hint: op.hint, let: lets })) : 0;
    totals.nDeleted += n;
    ctx.engine.opCounters.delete++;
    return { n };
  }
  const upsert = op.upsert === true;
  const coll = upsert ? catalog.ensure(db, name) : catalog.get(db, name);
  if (!coll) {
    validateUpdate(op.updateMods);
    return { n: 0, nModified: 0 };
  }
  const out = await withLockRetry(ctx, () =>
    updateOne(ctx, coll, {
      q: filter,
      u: op.updateMods,
      multi: op.multi === true,
      upsert,
      arrayFilters: op.arrayFilters as Document[] | undefined,
      collation,
      hint: op.hint,
      sort: optionalDoc(op, 'sort'),
      let: lets,
    }),
  );
  ctx.engine.opCounters.update++;
  totals.nMatched += out.matched;
  totals.nModified += out.modified;
  if (out.upsertedId !== undefined) {
    totals.nUpserted++;
    return { n: 1, nModified: 0, upserted: { _id: out.upsertedId } };
  }
  return { n: out.matched, nModified: out.modified };
}

export async function bulkWrite(ctx: CommandContext): Promise<Document> {
  const ops: unknown = ctx.cmd.ops;
  if (!Array.isArray(ops)) fail('FailedToParse', "BSON field 'bulkWrite.ops' is missing but a required field");
  if (ops.length > 100_000) fail('InvalidLength', `Write batch sizes must be between 1 and 100000. Got ${ops.length} operations.`);
  const nss = namespaces(ctx);
  const ordered = ctx.cmd.ordered !== false;
  const errorsOnly = ctx.cmd.errorsOnly === true;
  const totals: Totals = { nErrors: 0, nInserted: 0, nMatched: 0, nModified: 0, nUpserted: 0, nDeleted: 0 };
  const results: Document[] = [];
  for (let idx = 0; idx < ops.length; idx++) {
    const op: unknown = ops[idx];
    try {
      if (!isPlainObject(op)) fail('TypeMismatch', 'bulkWrite ops entries must be objects');
      const res = await runOp(ctx, op, nss, totals);
      if (!errorsOnly) results.push({ ok: 1, idx, ...res });
    } catch (err) {
      // In a transaction (and on a write conflict) the whole command fails, as for insert/update/delete.
      if (err instanceof CommandError && (err.code === 112 || ctx.txn)) throw err;
      const e = toCommandError(err);
      totals.nErrors++;
      results.push({ ok: 0, idx, code: e.code, codeName: e.codeName, errmsg: e.message, ...e.extra, n: 0 });
      if (ordered) break;
    }
  }
  return { cursor: { id: Long.ZERO, firstBatch: results, ns: 'admin.$cmd.bulkWrite' }, ...totals, ok: 1 };
}
