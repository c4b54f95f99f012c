import type { Document } from 'bson';
import { fail } from '../errors';
import { findMatches, project } from '../query';
import { collectionName, optionalDoc, withLockRetry, type CommandContext } from './context';
import { updateOne } from './write';

export async function findAndModify(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx);
  const cmd = ctx.cmd;
  const query = optionalDoc(cmd, 'query') ?? {};
  const sort = optionalDoc(cmd, 'sort');
  const fields = optionalDoc(cmd, 'fields');
  const collation = optionalDoc(cmd, 'collation');
  const remove = cmd.remove === true;
  const hasUpdate = cmd.update !== undefined;
  if (remove && hasUpdate) fail('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && !hasUpdate) fail('FailedToParse', 'Either an update or remove=true must be specified');
  if (remove && cmd.upsert === true) fail('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  if (remove && cmd.new === true) fail('FailedToParse', 'Cannot specify both new=true and remove=true; \'remove\' always returns the deleted document');
  const shape = (doc: Document | undefined): Document | null => (doc ? (project([doc], fields, query, collation)[0] ?? null) : null);

  if (remove) {
    const coll = ctx.engine.catalog.get(ctx.db, name);
    if (!coll) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    return withLockRetry(ctx, () => {
      const m = findMatches(coll, query, { sort, limit: 1, collation, hint: cmd.hint }, ctx.writer.view)[0];
      if (!m) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
      ctx.writer.remove(coll, m.rid);
      ctx.engine.opCounters.delete++;
      return { lastErrorObject: { n: 1 }, value: shape(m.doc), ok: 1 };
    });
  }
  const upsert = cmd.upsert === true;
  const coll = upsert ? ctx.engine.catalog.ensure(ctx.db, name) : ctx.engine.catalog.get(ctx.db, name);
  if (!coll) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const out = await withLockRetry(ctx, () =>
    updateOne(ctx, coll, {
      q: query,
      u: cmd.update,
      multi: false,
      upsert,
      arrayFilters: cmd.arrayFilters as Document[] | undefined,
      collation,
      hint: cmd.hint,
      sort,
      let: optionalDoc(cmd, 'let'),
    }),
  );
  ctx.engine.opCounters.update++;
  if (out.upsertedId !== undefined) {
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: out.upsertedId }, value: cmd.new === true ? shape(out.after) : null, ok: 1 };
  }
  if (out.matched === 0) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(cmd.new === true ? out.after : out.before), ok: 1 };
}
