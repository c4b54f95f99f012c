/**
 * A $group read off an index, as mongod answers covered plans: when the $match before it is answered
 * exactly by one index and the group reads only that index's single-valued fields, the groups are
 * tallied from the index entries and their postings without decoding a document.
 *
 * _id may be a field path "$f" (a null key falls back to the documents: the index cannot tell null
 * from missing), {$ifNull: ["$f", c]}, a comparison {$gt|$gte|$lt|$lte: ["$f", c]} against a number,
 * string or date (null and missing both order below such a c), or an object of those. Accumulators:
 * {$sum: <number>} only. Anything else returns null and the pipeline runs as usual.
 */
import type { Document } from 'bson';
import { compareBson, typeRank } from './bson-order';
import type { Index, IndexEntry } from './indexes';
import { isPlainObject } from './paths';

type Part = { at: number; kind: 'path' } | { at: number; kind: 'ifNull'; fallback: unknown } | { at: number; kind: 'cmp'; op: string; than: unknown };

const CMP: Record<string, (c: number) => boolean> = { $gt: (c) => c > 0, $gte: (c) => c >= 0, $lt: (c) => c < 0, $lte: (c) => c <= 0 };
const NULL_RANK = typeRank(null);
const NO_VALUE = Symbol('none');

function scalarConstant(v: unknown): boolean {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || v === null || v instanceof Date;
}

/** The index position a "$field" reads, when the index holds it as one plain value per record. */
function fieldAt(index: Index, ref: unknown): number {
  if (typeof ref !== 'string' || !ref.startsWith('$') || ref.startsWith('$$')) return -1;
  const at = index.fields.indexOf(ref.slice(1));
  if (at < 0 || index.multikeyFields[at] || (index.spec.key as Document)[ref.slice(1)] === 'hashed') return -1;
  return at;
}

function partOf(index: Index, spec: unknown): Part | null {
  if (typeof spec === 'string') {
    const at = fieldAt(index, spec);
    return at < 0 ? null : { at, kind: 'path' };
  }
  if (!isPlainObject(spec) || Object.keys(spec).length !== 1) return null;
  const [op, args] = Object.entries(spec)[0] as [string, unknown];
  if (!Array.isArray(args) || args.length !== 2) return null;
  const at = fieldAt(index, args[0]);
  if (at < 0 || !scalarConstant(args[1]) || (typeof args[1] === 'string' && args[1].startsWith('$'))) return null;
  if (op === '$ifNull') return { at, kind: 'ifNull', fallback: args[1] };
  if (CMP[op] && args[1] !== null && typeof args[1] !== 'boolean' && typeRank(args[1]) > NULL_RANK) return { at, kind: 'cmp', op, than: args[1] };
  return null;
}

/** A key value's identity for grouping; undefined when it is not a plain scalar. */
function tag(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
      return `n${v === 0 ? 0 : v}`;
    case 'boolean':
      return v ? 't' : 'f';
    default:
      if (v === null) return 'z';
      if (v instanceof Date) return `d${v.getTime()}`;
      return undefined;
  }
}

/** How many $group stages were answered from an index (tests read it). */
export const coveredGroupCounters = { answered: 0 };

/** The groups of `stage` over the index entries, or null when the index cannot answer it. */
export function coveredGroup(stage: Document | undefined, keys: () => { index: Index; entries: () => Iterable<IndexEntry> } | null): Document[] | null {
  const group: unknown = stage?.$group;
  if (!isPlainObject(group) || !('_id' in group)) return null;
  const sums: [string, number][] = [];
  for (const [k, v] of Object.entries(group)) {
    if (k === '_id') continue;
    if (!isPlainObject(v) || Object.keys(v).length !== 1 || typeof v.$sum !== 'number' || !Number.isFinite(v.$sum)) return null;
    sums.push([k, v.$sum]);
  }
  const idSpec: unknown = group._id;
  const single = !isPlainObject(idSpec) || Object.keys(idSpec).some((k) => k.startsWith('$'));
  const specs: [string, unknown][] = single ? [['', idSpec]] : Object.entries(idSpec);
  if (specs.length === 0) return null;
  const scan = keys();
  if (!scan) return null;
  const parts: Part[] = [];
  for (const [, spec] of specs) {
    const p = partOf(scan.index, spec);
    if (!p) return null;
    parts.push(p);
  }
  const groups = new Map<string, { id: unknown[]; n: number }>();
  const dedupe = scan.index.multikey ? new Set<number>() : null;
  const values = new Array<unknown>(parts.length);
  // Sorted entries repeat a part's key value in runs: the last raw value's result is reused.
  const lastRaw = new Array<unknown>(parts.length).fill(NO_VALUE);
  const lastTag = new Array<string>(parts.length);
  for (const e of scan.entries()) {
    let id = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as Part;
      const raw = e[p.at] === undefined ? null : e[p.at];
      if (raw === lastRaw[i]) {
        id += lastTag[i] as string;
        continue;
      }
      let v: unknown;
      if (p.kind === 'path') {
        if (raw === null) return null;
        v = raw;
      } else if (p.kind === 'ifNull') v = raw === null ? p.fallback : raw;
      else v = (CMP[p.op] as (c: number) => boolean)(compareBson(raw, p.than));
      const t = tag(v);
      if (t === undefined) return null;
      values[i] = v;
      lastRaw[i] = raw;
      lastTag[i] = `${t}\u0000`;
      id += lastTag[i] as string;
    }
    let n = 0;
    if (dedupe) {
      for (const rid of scan.index.ridsOf(e)) {
        if (dedupe.has(rid)) continue;
        dedupe.add(rid);
        n++;
      }
    } else n = scan.index.countOf(e);
    if (n === 0) continue;
    const g = groups.get(id);
    if (g) g.n += n;
    else groups.set(id, { id: values.slice(), n });
  }
  coveredGroupCounters.answered++;
  return [...groups.values()].map((g) => {
    const row: Document = { _id: single ? g.id[0] : Object.fromEntries(specs.map(([k], i) => [k, g.id[i]])) };
    for (const [k, per] of sums) row[k] = g.n * per;
    return row;
  });
}
