import { createHash } from 'node:crypto';
import type { Document } from 'bson';
import { fail } from '../errors';
import { isPlainObject } from '../paths';
import { planQuery } from '../planner';
import { findMatches, type ExecStats } from '../query';
import type { CommandContext } from './context';
import type { Index } from '../indexes';

function ixscanStage(index: Index | undefined): Document {
  if (!index) return { stage: 'IXSCAN' };
  return { stage: 'IXSCAN', keyPattern: index.spec.key, indexName: index.name, isMultiKey: index.multikey, multiKeyPaths: index.multiKeyPaths(), isUnique: index.unique, isSparse: index.sparse, isPartial: index.isPartial, direction: 'forward' };
}

/** explain for find, count, distinct, update, delete and leading-$match aggregates: reports the chosen index. */
export function explain(ctx: CommandContext): Document {
  const inner: unknown = ctx.cmd.explain;
  if (!isPlainObject(inner)) fail('TypeMismatch', "BSON field 'explain.explain' is the wrong type, expected type 'object'");
  const name = Object.keys(inner)[0] ?? '';
  const collName = inner[name];
  if (typeof collName !== 'string') fail('InvalidNamespace', 'explain requires a collection name');
  let filter: Document = {};
  let sort: Document | undefined;
  if (name === 'find') {
    filter = (inner.filter as Document | undefined) ?? {};
    sort = inner.sort as Document | undefined;
  } else if (name === 'count') filter = (inner.query as Document | undefined) ?? {};
  else if (name === 'distinct') filter = (inner.query as Document | undefined) ?? {};
  else if (name === 'aggregate') {
    const first = Array.isArray(inner.pipeline) ? (inner.pipeline[0] as Document | undefined) : undefined;
    filter = isPlainObject(first?.$match) ? first.$match : {};
  } else if (name === 'update' || name === 'delete') {
    const list = inner[name === 'update' ? 'updates' : 'deletes'];
    const first = Array.isArray(list) ? (list[0] as Document | undefined) : undefined;
    filter = isPlainObject(first?.q) ? first.q : {};
  } else if (name === 'findAndModify') {
    filter = (inner.query as Document | undefined) ?? {};
    sort = inner.sort as Document | undefined;
  } else fail('CommandNotFound', `Explain failed due to unknown command: ${name}`);
  const coll = ctx.engine.catalog.get(ctx.db, collName);
  if (name === 'count' && coll && !inner.collation && Object.keys(filter).length > 0 && ctx.view.extra(coll).length === 0) {
    // As on mongod, a count the index answers by itself reads no documents (COUNT_SCAN).
    const started = Date.now();
    const plan = planQuery(coll, filter, undefined, inner.hint);
    const index = plan.index ? coll.indexes.get(plan.index) : undefined;
    if (index && plan.exact && plan.count) {
      const n = plan.count();
      return {
        explainVersion: '1',
        queryPlanner: {
          namespace: `${ctx.db}.${collName}`,
          parsedQuery: filter,
          indexFilterSet: false,
          winningPlan: { stage: 'COUNT', inputStage: { stage: 'COUNT_SCAN', keyPattern: index.spec.key, indexName: index.name, isMultiKey: index.multikey, multiKeyPaths: index.multiKeyPaths(), isUnique: index.unique, isSparse: index.sparse, isPartial: index.isPartial } },
          rejectedPlans: [],
        },
        executionStats: { executionSuccess: true, nReturned: 0, executionTimeMillis: Date.now() - started, totalKeysExamined: n, totalDocsExamined: 0 },
        command: inner,
        serverInfo: { host: ctx.server.host, port: ctx.server.port, version: '8.0.0' },
        ok: 1,
      };
    }
  }
  const stats: ExecStats = { index: null, keysExamined: 0, docsExamined: 0, sortedByIndex: false };
  const started = Date.now();
  const matches = findMatches(coll, filter, { sort, hint: inner.hint, limit: typeof inner.limit === 'number' ? inner.limit : undefined, skip: typeof inner.skip === 'number' ? inner.skip : undefined }, ctx.view, stats);
  const index = stats.index ? coll?.indexes.get(stats.index) : undefined;
  let plan: Document = index
    ? { stage: 'FETCH', inputStage: ixscanStage(index) }
    : { stage: 'COLLSCAN', filter, direction: 'forward' };
  if (stats.text) plan = stats.text;
  else if (stats.intersection && coll) plan = { stage: 'FETCH', inputStage: { stage: 'AND_SORTED', inputStages: stats.intersection.map((name) => ixscanStage(coll.indexes.get(name))) } };
  // A near query's own stage reads the index and fetches the documents (as mongod's GEO_NEAR_2DSPHERE).
  else if (index && stats.stage) plan = { stage: stats.stage, keyPattern: index.spec.key, indexName: index.name, indexVersion: 2 };
  if (sort && Object.keys(sort).length > 0 && !stats.sortedByIndex) plan = { stage: 'SORT', sortPattern: sort, inputStage: plan };
  const ns = `${ctx.db}.${collName}`;
  // As mongod: the candidates a trial raced and lost, and the key of the query's shape in the plan cache.
  const planning = stats.planning;
  const rejectedPlans = (planning?.trial.slice(1) ?? []).map((r) => {
    const i = coll?.indexes.get(r.index);
    const input = r.indexes ? { stage: 'AND_SORTED', inputStages: r.indexes.map((name) => ({ stage: 'IXSCAN', keyPattern: coll?.indexes.get(name)?.spec.key, indexName: name })) } : { stage: 'IXSCAN', keyPattern: i?.spec.key, indexName: r.index };
    return { stage: 'FETCH', inputStage: input, trialWorks: r.works, trialAdvanced: r.matched };
  });
  const planCacheKey = planning ? createHash('sha256').update(planning.shape).digest('hex').slice(0, 8).toUpperCase() : undefined;
  return {
    explainVersion: '1',
    queryPlanner: { namespace: ns, parsedQuery: filter, indexFilterSet: false, ...(planCacheKey ? { planCacheKey, queryHash: planCacheKey } : {}), winningPlan: plan, rejectedPlans },
    executionStats: {
      executionSuccess: true,
      nReturned: matches.length,
      executionTimeMillis: Date.now() - started,
      totalKeysExamined: stats.keysExamined,
      totalDocsExamined: stats.docsExamined,
    },
    command: inner,
    serverInfo: { host: ctx.server.host, port: ctx.server.port, version: '8.0.0' },
    ok: 1,
  };
}
