import type { Document } from 'bson';
import { CommandError, fail } from '../errors';
import { isPlainObject, pathValues } from '../paths';
import { checkLanguage, INSENSITIVE, isLanguage, terms, type Folding } from './language';

/**
 * A text index as mongod stores it (manual: "Text Indexes"): the text fields become `_fts: 'text', _ftsx: 1`
 * in the key, between any ascending/descending prefix and suffix fields, and their weights, languages and
 * version are options.
 */
export interface TextIndexInfo {
  prefix: string[];
  suffix: string[];
  weights: Record<string, number>;
  wildcard: boolean;
  defaultLanguage: string;
  languageOverride: string;
}

export function isTextKey(key: unknown): boolean {
  return isPlainObject(key) && Object.entries(key).some(([f, v]) => v === 'text' || f === '_fts');
}

/** The spec mongod stores for a text index, from what createIndexes was given. */
export function normalizeTextIndex(spec: Document): Document {
  const key = spec.key as Document;
  const given = spec.weights;
  if (given !== undefined && !isPlainObject(given)) fail('CannotCreateIndex', 'text index option \'weights\' must be an object');
  const weights: Record<string, number> = {};
  const out: Document = {};
  // Prefix fields, then the text fields (together), then suffix fields.
  let part: 'prefix' | 'text' | 'suffix' = 'prefix';
  for (const [f, v] of Object.entries(key)) {
    const text = v === 'text' || f === '_fts' || f === '_ftsx';
    if (text) {
      if (part === 'suffix') fail('CannotCreateIndex', 'text index fields must be contiguous');
      part = 'text';
      out._fts = 'text';
      out._ftsx = 1;
      if (v === 'text' && f !== '_fts') weights[f] = 1;
      continue;
    }
    if (part === 'text') part = 'suffix';
    out[f] = v;
  }
  for (const [f, w] of Object.entries(given ?? {})) {
    if (typeof w !== 'number' || !(w > 0) || w >= 100_000) fail('CannotCreateIndex', `text index weight must be in the exclusive interval (0,100000) but found: ${String(w)}`);
    weights[f] = w;
  }
  const defaultLanguage = checkLanguage(spec.default_language ?? 'english', 'default_language');
  const languageOverride = spec.language_override ?? 'language';
  if (typeof languageOverride !== 'string' || languageOverride === '') fail('CannotCreateIndex', 'language_override must be a non-empty string');
  const rest: Document = {};
  for (const [k, v] of Object.entries(spec)) if (!['key', 'weights', 'default_language', 'language_override', 'textIndexVersion'].includes(k)) rest[k] = v;
  const sorted = Object.fromEntries(Object.entries(weights).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...rest, key: out, weights: sorted, default_language: defaultLanguage, language_override: languageOverride, textIndexVersion: 3 };
}

export function textIndexInfo(spec: Document): TextIndexInfo {
  const fields = Object.keys(spec.key as Document);
  const at = fields.indexOf('_fts');
  const weights = { ...((spec.weights as Record<string, number> | undefined) ?? {}) };
  return {
    prefix: fields.slice(0, at),
    suffix: fields.slice(at + 2),
    weights,
    wildcard: '$**' in weights,
    defaultLanguage: (spec.default_language as string | undefined) ?? 'english',
    languageOverride: (spec.language_override as string | undefined) ?? 'language',
  };
}

/** The document's language: its language_override field when set, else the index default. */
export function docLanguage(info: TextIndexInfo, doc: Document): string {
  const v: unknown = doc[info.languageOverride];
  if (v === undefined) return info.defaultLanguage;
  if (!isLanguage(v)) throw new CommandError(17262, 'Location17262', `language override unsupported: ${String(v)}`);
  return v.toLowerCase();
}

/** Each indexed string with its weight: named fields (array elements one by one), or every string for `$**`. */
export function weightedStrings(info: TextIndexInfo, doc: Document): [string, number][] {
  const out: [string, number][] = [];
  const add = (v: unknown, w: number): void => {
    if (typeof v === 'string') out.push([v, w]);
    else if (Array.isArray(v)) for (const e of v) add(e, w);
  };
  if (info.wildcard) {
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'string') out.push([v, info.weights[path] ?? info.weights['$**'] ?? 1]);
      else if (Array.isArray(v)) for (const e of v) walk(e, path);
      else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    };
    for (const [k, v] of Object.entries(doc)) if (k !== '_id' && k !== info.languageOverride) walk(v, k);
    return out;
  }
  for (const [path, w] of Object.entries(info.weights)) {
    for (const v of pathValues(doc, path).values) add(v, w);
  }
  return out;
}

/**
 * mongod's per-term score of a document (FTSSpec scoring, text index version 3): in each string, repeated
 * occurrences of a term add 1, 1/2, 1/4...; that is scaled by (0.5 * occurrences / words + 0.5), by 1.1 when
 * the whole string is the term, and by the field's weight; a term's scores add up over the strings.
 */
export function docTermScores(info: TextIndexInfo, doc: Document, f: Folding = INSENSITIVE): Map<string, number> {
  const language = docLanguage(info, doc);
  const scores = new Map<string, number>();
  for (const [raw, weight] of weightedStrings(info, doc)) {
    const ts = terms(raw, language, f);
    if (ts.length === 0) continue;
    const data = new Map<string, { freq: number; count: number; exp: number }>();
    for (const t of ts) {
      const d = data.get(t) ?? { freq: 0, count: 0, exp: 0 };
      d.exp = d.exp === 0 ? 1 : d.exp * 2;
      d.count++;
      d.freq += 1 / d.exp;
      data.set(t, d);
    }
    for (const [t, d] of data) {
      const coeff = (0.5 * d.count) / ts.length + 0.5;
      const adjustment = raw.length === t.length && raw.toLowerCase() === t.toLowerCase() ? 1.1 : 1;
      scores.set(t, (scores.get(t) ?? 0) + weight * d.freq * coeff * adjustment);
    }
  }
  return scores;
}

/** The index keys of a document: (prefix values, term, score, suffix values), one per term. */
export function textKeys(info: TextIndexInfo): (doc: Document) => unknown[][] {
  return (doc) => {
    const prefix = info.prefix.map((p) => scalarAt(doc, p));
    const suffix = info.suffix.map((p) => scalarAt(doc, p));
    const out: unknown[][] = [];
    for (const [term, score] of docTermScores(info, doc)) out.push([...prefix, term, score, ...suffix, 0]);
    return out;
  };
}

function scalarAt(doc: Document, path: string): unknown {
  const r = pathValues(doc, path);
  if (r.values.length > 1) throw new CommandError(16675, 'Location16675', `cannot have an array in a text index prefix or suffix: ${path}`);
  return r.values[0] ?? null;
}
