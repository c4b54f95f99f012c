import type { Document } from 'bson';

export function isPlainObject(v: unknown): v is Document {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

interface PathWalk {
  parts: string[];
  out: unknown[];
  multikey: boolean;
  found: boolean;
}

function walkPath(st: PathWalk, v: unknown, i: number): void {
  if (i === st.parts.length) {
    st.found = true;
    if (Array.isArray(v)) {
      st.multikey = true;
      if (v.length === 0) st.out.push(undefined);
      else for (const e of v) st.out.push(e);
    } else st.out.push(v);
    return;
  }
  const part = st.parts[i] as string;
  if (Array.isArray(v)) {
    st.multikey = true;
    if (/^\d+$/.test(part) && Number(part) < v.length) {
      walkPath(st, v[Number(part)], i + 1);
      return;
    }
    for (const e of v) if (isPlainObject(e) && part in e) walkPath(st, e[part], i + 1);
    return;
  }
  if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, part)) walkPath(st, v[part], i + 1);
}

const splits = new Map<string, string[]>();

/** A dotted path's parts (cached: index paths are split once per document otherwise). */
function splitPath(path: string): string[] {
  let parts = splits.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splits.size > 10_000) splits.clear();
    splits.set(path, parts);
  }
  return parts;
}

/**
 * All values a dotted path reaches in a document, descending through arrays the way index keys do.
 * An array at the end of the path contributes its elements; `multikey` reports whether any array was met.
 */
export function pathValues(doc: unknown, path: string): { values: unknown[]; multikey: boolean; found: boolean } {
  // Fast path: a top-level scalar field.
  if (isPlainObject(doc) && !path.includes('.')) {
    const v: unknown = doc[path];
    if (v !== undefined && !Array.isArray(v)) return { values: [v], multikey: false, found: true };
  }
  const st: PathWalk = { parts: splitPath(path), out: [], multikey: false, found: false };
  walkPath(st, doc, 0);
  if (!st.found) st.out.push(null);
  return { values: st.out, multikey: st.multikey, found: st.found };
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
