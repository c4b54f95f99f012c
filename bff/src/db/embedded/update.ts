import { ObjectId, type Document } from 'bson';
import { updateOne } from 'mingo/updater';
import type { PipelineStage } from 'mingo/types/updater';
import { compareBson } from './bson-order';
import { CommandError, fail, toCommandError } from './errors';
import { isPlainObject, setExact } from './paths';
import { mingoOptions } from './query';
import { cloneDoc } from './storage/clone';
import { applyOperators } from './update-operators';

export type UpdateSpec = Document | Document[];

export function isOperatorUpdate(u: UpdateSpec): boolean {
  if (Array.isArray(u)) return false;
  const keys = Object.keys(u);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

export function validateUpdate(u: unknown): UpdateSpec {
  if (Array.isArray(u)) {
    if (!u.every(isPlainObject)) fail('FailedToParse', 'Each element of the update pipeline must be an object');
    return u as Document[];
  }
  if (!isPlainObject(u)) fail('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length > 0 && ops.length !== keys.length) {
    const plain = keys.find((k) => !k.startsWith('$')) as string;
    fail('FailedToParse', `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  if (ops.length === 0) {
    for (const k of keys) if (k.startsWith('$')) fail('DollarPrefixedFieldName', `The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document.`);
  }
  const known = ['$set', '$unset', '$inc', '$mul', '$rename', '$min', '$max', '$currentDate', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$bit', '$setOnInsert'];
  for (const op of ops) {
    if (!known.includes(op)) fail('FailedToParse', `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    if (!isPlainObject(u[op])) fail('FailedToParse', `Modifiers operate on fields but we found type ${Array.isArray(u[op]) ? 'array' : typeof u[op]} instead. For example: {$mod: {<field>: ...}} not {$set: ${String(u[op])}}`);
  }
  checkConflicts(u);
  return u;
}

/** Two operators may not touch the same path or one path's parent (mongod code 40). */
function checkConflicts(u: Document): void {
  const paths: string[] = [];
  for (const [op, spec] of Object.entries(u)) {
    if (!op.startsWith('$') || !isPlainObject(spec)) continue;
    for (const [p, v] of Object.entries(spec)) {
      paths.push(p);
      if (op === '$rename' && typeof v === 'string') paths.push(v);
    }
  }
  const norm = paths.map((p) => p.split('.').filter((s) => s !== '$' && !/^\$\[/.test(s)).join('.'));
  for (let i = 0; i < norm.length; i++) {
    for (let j = i + 1; j < norm.length; j++) {
      const a = norm[i] as string;
      const b = norm[j] as string;
      if (a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)) {
        fail('ConflictingUpdateOperators', `Updating the path '${paths[j] as string}' would create a conflict at '${paths[i] as string}'`);
      }
    }
  }
}

/** Applies an update (operators, pipeline or replacement) to a copy of doc. */
export function applyUpdate(doc: Document, u: UpdateSpec, query: Document, arrayFilters: Document[] | undefined, isInsert: boolean, variables?: Document): Document {
  if (!Array.isArray(u) && !isOperatorUpdate(u)) {
    const out: Document = { _id: doc._id };
    for (const [k, v] of Object.entries(u)) if (k !== '_id') out[k] = v;
    if (out._id === undefined) delete out._id;
    return cloneDoc(out);
  }
  if (!Array.isArray(u)) return applyOperators(doc, u, query, arrayFilters, isInsert, variables, sameValue);
  // Pipeline updates replace the array element rather than mutating it.
  const holder = [cloneDoc(doc)];
  try {
    updateOne(holder, {}, u as PipelineStage[], { arrayFilters, cloneMode: 'deep', ...(variables ? { let: variables } : {}) }, mingoOptions());
  } catch (err) {
    throw toCommandError(err);
  }
  return holder[0] as Document;
}

export function checkIdUnchanged(before: Document, after: Document): void {
  if (compareBson(before._id, after._id) !== 0 || (after._id === undefined) !== (before._id === undefined)) {
    throw new CommandError(66, 'ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
}

/** The document an upsert starts from: the query's equality conditions. */
export function upsertSeed(query: Document): Document {
  const seed: Document = {};
  const take = (q: Document): void => {
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const c of v) if (isPlainObject(c)) take(c);
        continue;
      }
      if (k.startsWith('$')) continue;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) setExact(seed, k, v.$eq);
        else if (Array.isArray(v.$in) && v.$in.length === 1) setExact(seed, k, v.$in[0]);
        continue;
      }
      if (v instanceof RegExp) continue;
      setExact(seed, k, v);
    }
  };
  take(query);
  return cloneDoc(seed);
}

/** Puts _id first (generating one when absent), as mongod stores documents. */
export function withIdFirst(doc: Document): Document {
  if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

export function validateId(doc: Document): void {
  const id: unknown = doc._id;
  if (Array.isArray(id)) fail('InvalidIdField', `The '_id' value cannot be of type array`);
  if (id instanceof RegExp) fail('InvalidIdField', `The '_id' value cannot be of type regex`);
  if (isPlainObject(id) && Object.keys(id).some((k) => k.startsWith('$'))) {
    fail('DollarPrefixedFieldName', `_id fields may not contain '$'-prefixed fields: ${Object.keys(id)[0] as string} is not valid for storage.`);
  }
}

export function sameDoc(a: Document, b: Document): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => sameValue(a[k], b[k]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isPlainObject(a) && isPlainObject(b)) return sameDoc(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (typeof a !== typeof b) return false;
  if (a !== null && b !== null && typeof a === 'object' && (a as object).constructor !== (b as object).constructor) return false;
  return compareBson(a, b) === 0;
}
