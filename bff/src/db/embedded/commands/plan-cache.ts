import type { Document } from 'bson';
import { fail } from '../errors';
import { clearPlanCache } from '../plan-cache';
import type { CommandContext } from './context';

/** planCacheClear: forgets the cached plans of one collection (every shape; a missing collection is fine). */
export function planCacheClear(ctx: CommandContext): Document {
  const name: unknown = ctx.cmd.planCacheClear;
  if (typeof name !== 'string' || name === '') fail('InvalidNamespace', 'planCacheClear requires a collection name');
  const coll = ctx.engine.catalog.get(ctx.db, name);
  if (coll) clearPlanCache(coll);
  return { ok: 1 };
}
