import type { Document } from 'bson';

export function isPlainObject(v: unknown): v is Document {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * All values a dotted path reaches in a document, descending through arrays the way index keys do.
 * An array at the end of the path contributes its elements; `multikey` reports whether any array was met.
 */
export function pathValues(doc: unknown, path: string): { values: unknown[]; multikey: boolean; found: boolean } {
  const parts = path.split('.');
  const out: unknown[] = [];
  let multikey = false;
  let found = false;
  const walk = (v: unknown, i: number): void => {
    if (i === parts.length) {
      found = true;
      if (Array.isArray(v)) {
        multikey = true;
        if (v.length === 0) out.push(undefined);
        else for (const e of v) out.push(e);
      } else out.push(v);
      return;
    }
    const part = parts[i] as string;
    if (Array.isArray(v)) {
      multikey = true;
      if (/^\d+$/.test(part) && Number(part) < v.length) {
        walk(v[Number(part)], i + 1);
        return;
      }
      for (const e of v) if (isPlainObject(e) && part in e) walk(e[part], i + 1);
      return;
    }
    if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, part)) walk(v[part], i + 1);
  };
  walk(doc, 0);
  if (!found) out.push(null);
  return { values: out, multikey, found };
}

/** The value at a dotted path without array traversal (undefined when missing). */
export function getExact(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(v) && /^\d+$/.test(part)) v = v[Number(part)];
    else if (isPlainObject(v)) v = v[part];
    else return undefined;
  }
  return v;
}

export function setExact(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let v: Document = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const next: unknown = v[part];
    if (isPlainObject(next)) v = next;
    else {
      const created: Document = {};
      v[part] = created;
      v = created;
    }
  }
  v[parts[parts.length - 1] as string] = value;
}
