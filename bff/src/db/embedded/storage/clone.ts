import type { Document } from 'bson';
import { isPlainObject } from '../paths';

/** Deep copy of plain objects and arrays; BSON value objects are immutable and shared. */
export function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => cloneValue(x)) as T;
  if (isPlainObject(v)) {
    const out: Document = {};
    for (const k of Object.keys(v)) out[k] = cloneValue(v[k]);
    return out as T;
  }
  if (v instanceof Date) return new Date(v.getTime()) as T;
  return v;
}

export function cloneDoc(doc: Document): Document {
  return cloneValue(doc);
}
