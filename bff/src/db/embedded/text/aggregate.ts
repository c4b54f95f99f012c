import type { Document } from 'bson';
import { CommandError } from '../errors';
import { isPlainObject } from '../paths';
import type { FindOptions, ReadView } from '../query';
import type { Collection } from '../storage/collection';
import { hasText, textMatches, textScoreOf } from './search';

/** Where a document's text score travels through mingo's stages ({$meta: 'textScore'} reads it). */
const SCORE_FIELD = '__engineTextScore';

function isScoreMeta(v: unknown): boolean {
  return isPlainObject(v) && Object.keys(v).length === 1 && v.$meta === 'textScore';
}

/** Expressions `{$meta: 'textScore'}` become a path to the carried score. */
function rewriteExpr(v: unknown): unknown {
  if (isScoreMeta(v)) return `$${SCORE_FIELD}`;
  if (Array.isArray(v)) return v.map(rewriteExpr);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewriteExpr(x)]));
  return v;
}

function rewriteStage(stage: Document): Document {
  const op = Object.keys(stage)[0] as string;
  const spec: unknown = stage[op];
  if (op === '$sort' && isPlainObject(spec)) {
    // mongod sorts by text score highest first.
    return { $sort: Object.fromEntries(Object.entries(spec).map(([k, d]) => (isScoreMeta(d) ? [SCORE_FIELD, -1] : [k, d]))) };
  }
  if (op === '$project' && isPlainObject(spec)) {
    const rewritten = rewriteExpr(spec) as Document;
    // An inclusion projection keeps the score available to later stages, as mongod keeps metadata.
    const including = Object.entries(spec).some(([k, v]) => k !== '_id' && v !== 0 && v !== false);
    return { $project: including ? { ...rewritten, [SCORE_FIELD]: 1 } : rewritten };
  }
  if (op === '$facet' && isPlainObject(spec)) {
    return { $facet: Object.fromEntries(Object.entries(spec).map(([k, p]) => [k, Array.isArray(p) ? (p as Document[]).map(rewriteStage) : p])) };
  }
  return { [op]: rewriteExpr(spec) };
}

function strip(doc: Document): Document {
  if (!(SCORE_FIELD in doc)) return doc;
  const { [SCORE_FIELD]: _score, ...rest } = doc;
  void _score;
  for (const [k, v] of Object.entries(rest)) if (Array.isArray(v)) rest[k] = v.map((x: unknown) => (isPlainObject(x) ? strip(x) : x));
  return rest;
}

/**
 * An aggregation whose first stage is a `$match` with `$text` (the only place mongod allows it, code 17313):
 * the matches carry their score into the pipeline, and `{$meta: 'textScore'}` reads it. Null when the
 * pipeline has no $text.
 */
export function textSource(
  coll: Collection | undefined,
  stages: Document[],
  opts: FindOptions,
  view: ReadView,
): { docs: Document[]; rest: Document[]; finish: (results: Document[]) => Document[] } | null {
  stages.forEach((s, i) => {
    if (i > 0 && isPlainObject(s.$match) && hasText(s.$match)) {
      throw new CommandError(17313, 'Location17313', '$match with $text is only allowed as the first pipeline stage');
    }
  });
  const first = stages[0]?.$match;
  if (!isPlainObject(first) || !hasText(first)) return null;
  const docs = textMatches(coll, first, opts, view).map((m) => ({ ...m.doc, [SCORE_FIELD]: textScoreOf(m.doc) }));
  return { docs, rest: stages.slice(1).map(rewriteStage), finish: (results) => results.map(strip) };
}
