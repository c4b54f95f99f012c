import type { Document } from 'bson';
import { updateOne } from 'mingo/updater';
import type { Modifier } from 'mingo/types/updater';
import { CommandError, fail, toCommandError } from './errors';
import { bsonTypeName, engineQuery } from './mingo-context';
import { getExact, isPlainObject, setExact } from './paths';
import { mingoOptions } from './query';
import { cloneDoc } from './storage/clone';

/** One operator applied to one path. */
interface PathUpdate {
  op: string;
  path: string;
  value: unknown;
}

/**
 * mongod applies update operators field by field in lexicographic order of the paths, numeric field names in
 * numeric order (manual: "Update Operators", behaviour since 5.0), so new fields appear in that order.
 */
function comparePaths(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

function topLevelConditions(query: Document, out: [string, unknown][] = []): [string, unknown][] {
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) for (const c of v) if (isPlainObject(c)) topLevelConditions(c, out);
    if (!k.startsWith('$')) out.push([k, v]);
  }
  return out;
}

/** Replaces the positional `$` by the index of the first element the query matched in the original document. */
function resolvePositional(original: Document, path: string, query: Document): string {
  const parts = path.split('.');
  const at = parts.indexOf('$');
  if (at < 0) return path;
  const field = parts.slice(0, at).join('.');
  const arr = getExact(original, field);
  const conds = topLevelConditions(query).filter(([k]) => k === field || k.startsWith(`${field}.`));
  if (Array.isArray(arr) && conds.length > 0) {
    const q = engineQuery(Object.fromEntries(conds), mingoOptions());
    const i = arr.findIndex((e) => {
      const probe: Document = {};
      setExact(probe, field, [e]);
      return q.test(probe);
    });
    if (i >= 0) return [...parts.slice(0, at), String(i), ...parts.slice(at + 1)].join('.');
  }
  return fail('BadValue', 'The positional operator did not find the match needed from the query.');
}

function idText(doc: Document): string {
  const id: unknown = doc._id;
  if (typeof id === 'string') return `_id: "${id}"`;
  if (id !== null && typeof id === 'object' && (id as { _bsontype?: string })._bsontype === 'ObjectId') return `_id: ObjectId('${String(id)}')`;
  return `_id: ${String(id)}`;
}

/** Array operators on a field holding something else fail as on mongod. */
function checkArrayTarget(doc: Document, op: string, path: string): void {
  if (path.includes('$')) return;
  const v = getExact(doc, path);
  if (v === undefined || Array.isArray(v)) return;
  const field = path.slice(path.lastIndexOf('.') + 1);
  const type = bsonTypeName(v);
  switch (op) {
    case '$push':
      return fail('BadValue', `The field '${field}' must be an array but is of type ${type} in document {${idText(doc)}}`);
    case '$addToSet':
      return fail('BadValue', `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${type}`);
    case '$pull':
    case '$pullAll':
      return fail('BadValue', 'Cannot apply $pull to a non-array value');
    case '$pop':
      return fail('TypeMismatch', `Path '${path}' contains an element of non-array type '${type}'`);
  }
}

const LOGICAL = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment', '$jsonSchema', '$alwaysTrue', '$alwaysFalse']);

/**
 * $pull whose condition is a document query mixing in operators ($or, $and, ...): mongod matches it against each
 * document element, mingo would wrap it as a value condition. Returns false when mingo handles the case.
 */
function pullByDocumentQuery(doc: Document, path: string, cond: unknown): boolean {
  if (!isPlainObject(cond) || path.includes('$')) return false;
  const keys = Object.keys(cond);
  const first = keys[0];
  if (first === undefined || !keys.some((k) => k.startsWith('$'))) return false;
  if (first.startsWith('$') && !LOGICAL.has(first)) return false;
  const arr = getExact(doc, path);
  if (!Array.isArray(arr)) return true;
  let q;
  try {
    q = engineQuery(cond, mingoOptions());
  } catch (err) {
    throw toCommandError(err);
  }
  const kept = arr.filter((e) => !(isPlainObject(e) && q.test(e)));
  if (kept.length === arr.length) return true;
  const dot = path.lastIndexOf('.');
  const parent = dot < 0 ? doc : getExact(doc, path.slice(0, dot));
  if (parent !== null && typeof parent === 'object') (parent as Record<string, unknown>)[path.slice(dot + 1)] = kept;
  return true;
}

function sameId(a: unknown, b: unknown, compare: (x: unknown, y: unknown) => boolean): boolean {
  return a !== undefined && compare(a, b);
}

/**
 * Applies an operator update to a copy of doc, path by path in mongod's order, each through mingo's updater.
 * `sameValue` decides whether a $set of _id keeps its current value (allowed) or changes it (code 66).
 */
export function applyOperators(
  doc: Document,
  u: Document,
  query: Document,
  arrayFilters: Document[] | undefined,
  isInsert: boolean,
  variables: Document | undefined,
  sameValue: (a: unknown, b: unknown) => boolean,
): Document {
  const updates: PathUpdate[] = [];
  for (const [op, spec] of Object.entries(u)) {
    if (op === '$setOnInsert' && !isInsert) continue;
    for (const [path, value] of Object.entries(spec as Document)) updates.push({ op: op === '$setOnInsert' ? '$set' : op, path, value });
  }
  updates.sort((a, b) => comparePaths(a.path, b.path));
  const holder = [cloneDoc(doc)];
  const config = { arrayFilters, cloneMode: 'deep' as const, ...(variables ? { let: variables } : {}) };
  for (const { op, value, ...rest } of updates) {
    const next = holder[0] as Document;
    const path = isInsert ? rest.path : resolvePositional(doc, rest.path, query);
    if (op === '$set' && (path === '_id' || path.startsWith('_id.'))) {
      if (isInsert) setExact(next, path, cloneDoc({ v: value }).v);
      else if (!sameId(getExact(doc, path), value, sameValue)) {
        throw new CommandError(66, 'ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
      }
      continue;
    }
    checkArrayTarget(next, op, path);
    if (op === '$pull' && pullByDocumentQuery(next, path, value)) continue;
    try {
      updateOne(holder, {}, { [op]: { [path]: value } } as Modifier<Document>, config, mingoOptions());
    } catch (err) {
      throw toCommandError(err);
    }
  }
  return holder[0] as Document;
}
