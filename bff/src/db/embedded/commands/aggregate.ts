import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { ProcessingMode } from 'mingo/core';
import { CommandError, fail, toCommandError } from '../errors';
import { isPlainObject } from '../paths';
import { coveredGroup } from '../covered-group';
import { countMatches, exactIndexKeys, findMatches, mingoOptions, streamMatches, withCollation, type FindOptions } from '../query';
import type { Collection } from '../storage/collection';
import { cloneDoc } from '../storage/clone';
import { withIdFirst } from '../update';
import { openChangeStream } from './change-stream';
import { textSource } from '../text/aggregate';
import { geoNearDocs, refuseNear } from '../geo/geo-near-stage';
import { optionalDoc, optionalNumber, type CommandContext } from './context';

const NOT_IN_MINGO = new Set(['$out', '$merge', '$collStats', '$indexStats', '$currentOp', '$listSessions', '$listLocalSessions', '$changeStream', '$search', '$geoNear', '$planCacheStats']);

function visibleDocs(ctx: CommandContext, coll: Collection | undefined): Document[] {
  return findMatches(coll, {}, {}, ctx.view).map((m) => m.doc);
}

/** A literal constant (not a field path or expression), as $group's _id or a $sum argument. */
function constant(v: unknown): boolean {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return true;
  return typeof v === 'string' && !v.startsWith('$');
}

/**
 * A count over the matches: [$skip][$limit] then {$group: {_id: <constant>, f: {$sum: <number>}...}}
 * (what countDocuments sends) or {$count: name}. Returns the stage's one output row (none when no
 * document matches, as on mongod) and how many stages it replaced.
 */
function countStage(pipeline: Document[], i: number, count: () => number): { rows: Document[]; used: number } | null {
  let j = i;
  let skip = 0;
  let limit = Infinity;
  if (typeof pipeline[j]?.$skip === 'number' && (pipeline[j]?.$skip as number) >= 0) skip = pipeline[j++]?.$skip as number;
  if (typeof pipeline[j]?.$limit === 'number' && (pipeline[j]?.$limit as number) > 0) limit = pipeline[j++]?.$limit as number;
  const stage = pipeline[j];
  let shape: ((n: number) => Document) | null = null;
  if (typeof stage?.$count === 'string' && stage.$count !== '' && !stage.$count.startsWith('$') && !stage.$count.includes('.')) {
    const name = stage.$count;
    shape = (n) => ({ [name]: n });
  } else if (isPlainObject(stage?.$group) && constant(stage.$group._id)) {
    const group = stage.$group;
    const fields = Object.entries(group).filter(([k]) => k !== '_id');
    const sums = fields.every(([, v]) => isPlainObject(v) && Object.keys(v).length === 1 && typeof v.$sum === 'number' && Number.isFinite(v.$sum));
    if (!sums) return null;
    shape = (n) => {
      const row: Document = { _id: group._id };
      for (const [k, v] of fields) row[k] = n * ((v as Document).$sum as number);
      return row;
    };
  }
  if (!shape) return null;
  const n = Math.min(Math.max(0, count() - skip), limit);
  return { rows: n > 0 ? [shape(n)] : [], used: j + 1 - i };
}

/** Operators that read the current document other than through "$field" paths. */
const WHOLE_DOC_OPS = new Set(['$getField', '$setField', '$unsetField', '$function', '$accumulator', '$where', '$jsonSchema', '$text']);

/** Adds the top-level fields an expression reads ("$a.b" reads a); false if it may read any. */
function refsIn(v: unknown, out: Set<string>): boolean {
  if (typeof v === 'string') {
    if (v.startsWith('$$')) return !/^\$\$(ROOT|CURRENT)\b/.test(v);
    if (v.startsWith('$')) out.add(v.slice(1).split('.')[0] as string);
    return true;
  }
  if (Array.isArray(v)) return v.every((x) => refsIn(x, out));
  if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (WHOLE_DOC_OPS.has(k) || !refsIn(x, out)) return false;
    }
  }
  return true;
}

function matchRefs(filter: unknown, out: Set<string>): boolean {
  if (!isPlainObject(filter)) return false;
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$comment') continue;
    if (k === '$expr') {
      if (!refsIn(v, out)) return false;
      continue;
    }
    if (k === '$and' || k === '$or' || k === '$nor') {
      if (!Array.isArray(v) || !v.every((c) => matchRefs(c, out))) return false;
      continue;
    }
    if (k.startsWith('$')) return false;
    out.add(k.split('.')[0] as string);
  }
  return true;
}

/**
 * The top-level fields of the input documents a pipeline can read before a stage replaces the
 * documents' shape ($group, $count, an inclusion $project...), or null when it may need all of them
 * (including when whole documents reach the output).
 */
export function pipelineFields(stages: Document[], out = new Set<string>(['_id'])): Set<string> | null {
  for (const stage of stages) {
    const op = Object.keys(stage)[0] as string;
    const spec: unknown = stage[op];
    switch (op) {
      case '$match':
        if (!matchRefs(spec, out)) return null;
        break;
      case '$sort':
        if (!isPlainObject(spec)) return null;
        for (const k of Object.keys(spec)) out.add(k.split('.')[0] as string);
        break;
      case '$skip':
      case '$limit':
        break;
      case '$unwind':
      case '$addFields':
      case '$set':
        if (!refsIn(spec, out)) return null;
        break;
      case '$group':
      case '$sortByCount':
      case '$bucket':
      case '$bucketAuto':
        return refsIn(spec, out) ? out : null;
      case '$count':
        return out;
      case '$project': {
        if (!isPlainObject(spec)) return null;
        for (const [k, v] of Object.entries(spec)) {
          if (v === 0 || v === false) {
            if (k === '_id') continue;
            return null;
          }
          out.add(k.split('.')[0] as string);
          if (!refsIn(v, out)) return null;
        }
        return out;
      }
      case '$facet': {
        if (!isPlainObject(spec)) return null;
        for (const sub of Object.values(spec)) if (!Array.isArray(sub) || !pipelineFields(sub as Document[], out)) return null;
        return out;
      }
      default:
        return null;
    }
  }
  return null;
}

/** Whether mingo may share input objects between stages: no stage that reuses documents across branches. */
function sharesInputs(pipeline: Document[]): boolean {
  return JSON.stringify(pipeline, (_k, v: unknown) => (v instanceof Object && !Array.isArray(v) && !isPlainObject(v) ? null : v)).match(/"\$(facet|lookup|graphLookup|unionWith)"/) !== null;
}

/** Leading $match/$sort/$skip/$limit run through the query planner so indexes are used. */
function source(ctx: CommandContext, coll: Collection | undefined, pipeline: Document[]): { docs: Iterable<Document>; rest: Document[] } {
  const matches: Document[] = [];
  let i = 0;
  while (i < pipeline.length && isPlainObject(pipeline[i]?.$match) && !hasExprOrText(pipeline[i]?.$match as Document)) {
    matches.push(pipeline[i]?.$match as Document);
    i++;
  }
  const opts: FindOptions = { collation: optionalDoc(ctx.cmd, 'collation'), hint: ctx.cmd.hint, let: optionalDoc(ctx.cmd, 'let') };
  const filter = matches.length === 0 ? {} : matches.length === 1 ? (matches[0] as Document) : { $and: matches };
  const counted = countStage(pipeline, i, () => countMatches(coll, filter, opts, ctx.view));
  if (counted) return { docs: counted.rows, rest: pipeline.slice(i + counted.used) };
  const grouped = matches.length > 0 ? coveredGroup(pipeline[i], () => exactIndexKeys(coll, filter, opts, ctx.view)) : null;
  if (grouped) return { docs: grouped, rest: pipeline.slice(i + 1) };
  const sort = pipeline[i]?.$sort;
  if (isPlainObject(sort) && Object.values(sort).every((v) => v === 1 || v === -1)) {
    opts.sort = sort;
    i++;
    const skip = pipeline[i]?.$skip;
    if (typeof skip === 'number' && skip >= 0) {
      opts.skip = skip;
      i++;
    }
    const limit = pipeline[i]?.$limit;
    if (typeof limit === 'number' && limit > 0) {
      opts.limit = limit;
      i++;
    }
  }
  if (!opts.sort) {
    // Stream documents into the pipeline as they are decoded instead of collecting them first.
    // Only the fields the rest of the pipeline reads are decoded.
    opts.fields = pipelineFields(pipeline.slice(i)) ?? undefined;
    const stream = streamMatches(coll, filter, opts, ctx.view);
    // Errors in the filter surface now, as they would from findMatches.
    const first = stream.next();
    const docs = (function* (): Generator<Document> {
      if (first.done) return;
      yield first.value.doc;
      for (const m of stream) yield m.doc;
    })();
    return { docs, rest: pipeline.slice(i) };
  }
  return { docs: findMatches(coll, filter, opts, ctx.view).map((m) => m.doc), rest: pipeline.slice(i) };
}

/**
 * $bucket is defined by MongoDB as a $group on a $switch over the boundaries followed by a $sort;
 * rewriting it that way sidesteps mingo's $bucket, which misplaces values equal to a boundary.
 */
function desugar(pipeline: Document[]): Document[] {
  return pipeline.flatMap((stage): Document[] => {
    if (isPlainObject(stage.$facet)) {
      const facets: Document = {};
      for (const [k, v] of Object.entries(stage.$facet)) facets[k] = Array.isArray(v) ? desugar(v as Document[]) : v;
      return [{ $facet: facets }];
    }
    const spec: unknown = stage.$bucket;
    if (!isPlainObject(spec) || !Array.isArray(spec.boundaries)) return [stage];
    const bounds = spec.boundaries as unknown[];
    if (bounds.length < 2) fail('Location', "The $bucket 'boundaries' field must have at least 2 values", { code: 40192, codeName: 'Location40192' });
    const branches = bounds.slice(0, -1).map((lo, i) => ({
      case: { $and: [{ $gte: [spec.groupBy, lo] }, { $lt: [spec.groupBy, bounds[i + 1]] }] },
      then: lo,
    }));
    const sw: Document = { branches };
    if (spec.default !== undefined) sw.default = spec.default;
    const output = isPlainObject(spec.output) ? spec.output : { count: { $sum: 1 } };
    return [{ $group: { _id: { $switch: sw }, ...output } }, { $sort: { _id: 1 } }];
  });
}

function hasExprOrText(match: Document): boolean {
  return Object.keys(match).some((k) => k === '$text' || k === '$where');
}

export function aggregate(ctx: CommandContext): Document {
  const target = ctx.cmd.aggregate;
  const pipeline: unknown = ctx.cmd.pipeline;
  if (!Array.isArray(pipeline)) fail('TypeMismatch', "BSON field 'aggregate.pipeline' is missing but a required field");
  if (!pipeline.every(isPlainObject)) fail('TypeMismatch', 'Each element of the \'pipeline\' array must be an object');
  for (const stage of pipeline as Document[]) {
    const keys = Object.keys(stage);
    if (keys.length !== 1) fail('Location', 'A pipeline stage specification object must contain exactly one field.', { code: 40323, codeName: 'Location40323' });
  }
  const cursorOpt = ctx.cmd.cursor;
  if (!isPlainObject(cursorOpt) && ctx.cmd.explain !== true) {
    fail('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  if ((pipeline as Document[])[0]?.$changeStream !== undefined) return openChangeStream(ctx, pipeline as Document[]);
  const stages = desugar(pipeline as Document[]);
  let out: { db: string; coll: string } | null = null;
  let merge: Document | null = null;
  const last = stages[stages.length - 1];
  if (last?.$out !== undefined) {
    const spec: unknown = last.$out;
    out = typeof spec === 'string' ? { db: ctx.db, coll: spec } : { db: String((spec as Document).db ?? ctx.db), coll: String((spec as Document).coll) };
    stages.pop();
  } else if (last?.$merge !== undefined) {
    const spec: unknown = last.$merge;
    merge = typeof spec === 'string' ? { into: spec } : (spec as Document);
    stages.pop();
  }
  for (const [at, stage] of stages.entries()) {
    const op = Object.keys(stage)[0] as string;
    if (op === '$match') refuseNear(stage.$match);
    if (op === '$geoNear' && at === 0) continue;
    if (op === '$geoNear') throw new CommandError(40603, 'Location40603', '$geoNear is only valid as the first stage in a pipeline.');
    if (NOT_IN_MINGO.has(op)) {
      throw new CommandError(40324, 'Location40324', `Unrecognized pipeline stage name: '${op}'`);
    }
  }
  const coll = typeof target === 'string' ? ctx.engine.catalog.get(ctx.db, target) : undefined;
  if (typeof target !== 'string' && target !== 1) fail('TypeMismatch', "Invalid aggregate namespace: expected a collection name or 1");
  const geoNear = typeof target === 'string' && stages[0]?.$geoNear !== undefined;
  const text = geoNear ? null : textSource(coll, stages, { collation: optionalDoc(ctx.cmd, 'collation'), let: optionalDoc(ctx.cmd, 'let') }, ctx.view);
  const { docs, rest } = geoNear
    ? { docs: geoNearDocs(coll, stages[0]?.$geoNear, ctx.view), rest: stages.slice(1) }
    : (text ?? (typeof target === 'string' ? source(ctx, coll, stages) : { docs: [], rest: stages }));
  let results: Document[];
  try {
    const agg = new Aggregator(rest, {
      ...mingoOptions(withCollation(coll, { collation: optionalDoc(ctx.cmd, 'collation') }).collation, optionalDoc(ctx.cmd, 'let')),
      // Documents are decoded afresh for each command, so mingo need not copy them unless a stage
      // hands the same documents to several branches.
      processingMode: sharesInputs(rest) ? ProcessingMode.CLONE_INPUT : ProcessingMode.CLONE_OFF,
      collectionResolver: (name: string) => visibleDocs(ctx, ctx.engine.catalog.get(ctx.db, name)),
    });
    results = agg.run<Document>(docs);
    if (text) results = text.finish(results);
  } catch (err) {
    throw aggregateError(err);
  }
  ctx.engine.opCounters.command++;
  const ns = typeof target === 'string' ? `${ctx.db}.${target}` : `${ctx.db}.$cmd.aggregate`;
  if (out) {
    writeOut(ctx, out.db, out.coll, results);
    results = [];
  } else if (merge) {
    writeMerge(ctx, merge, results);
    results = [];
  }
  const batchSize = isPlainObject(cursorOpt) ? optionalNumber(cursorOpt, 'batchSize') : undefined;
  const first = ctx.engine.cursors.open(ns, results, batchSize ?? 101, (b) => b, ctx.session?.key ?? null, false);
  return { cursor: { firstBatch: first.batch, id: first.id, ns }, ok: 1 };
}

function aggregateError(err: unknown): CommandError {
  const e = toCommandError(err);
  if (/unknown|unregistered|not (found|registered)/i.test(e.message) && /pipeline|stage/i.test(e.message)) {
    return new CommandError(40324, 'Location40324', e.message);
  }
  if (/operator/i.test(e.message) && /unknown|unregistered|invalid/i.test(e.message)) {
    return new CommandError(168, 'InvalidPipelineOperator', e.message);
  }
  return e;
}

function writeOut(ctx: CommandContext, db: string, name: string, results: Document[]): void {
  if (ctx.txn) fail('OperationNotSupportedInTransaction', '$out cannot be used in a transaction');
  const catalog = ctx.engine.catalog;
  const existing = catalog.get(db, name);
  const specs = existing ? [...existing.indexes.values()].filter((i) => i.name !== '_id_').map((i) => i.spec) : [];
  catalog.drop(db, name);
  const coll = catalog.create(db, name);
  for (const spec of specs) catalog.createIndex(coll, spec);
  for (const r of results) ctx.writer.insert(coll, withIdFirst(cloneDoc(r)));
}

function writeMerge(ctx: CommandContext, spec: Document, results: Document[]): void {
  const into = spec.into;
  const target = typeof into === 'string' ? { db: ctx.db, coll: into } : isPlainObject(into) ? { db: String(into.db ?? ctx.db), coll: String(into.coll) } : null;
  if (!target) fail('FailedToParse', '$merge requires an "into" field');
  const on = spec.on === undefined ? ['_id'] : Array.isArray(spec.on) ? (spec.on as string[]) : [String(spec.on)];
  const whenMatched = spec.whenMatched ?? 'merge';
  const whenNotMatched = spec.whenNotMatched ?? 'insert';
  const coll = ctx.engine.catalog.ensure(target.db, target.coll);
  for (const r of results) {
    const q: Document = {};
    for (const f of on) q[f] = r[f];
    const m = findMatches(coll, q, { limit: 1 }, ctx.writer.view)[0];
    if (!m) {
      if (whenNotMatched === 'insert') ctx.writer.insert(coll, withIdFirst(cloneDoc(r)));
      else if (whenNotMatched === 'fail') fail('Location', '$merge could not find a matching document in the target collection', { code: 13113 });
      continue;
    }
    if (whenMatched === 'keepExisting') continue;
    if (whenMatched === 'fail') throw new CommandError(11000, 'DuplicateKey', `E11000 duplicate key error collection: ${coll.ns}`);
    const next = whenMatched === 'replace' ? { ...cloneDoc(r), _id: m.doc._id } : { ...m.doc, ...cloneDoc(r), _id: m.doc._id };
    ctx.writer.replace(coll, m.rid, withIdFirst(next), whenMatched === 'replace' ? 'replace' : 'update');
  }
}
