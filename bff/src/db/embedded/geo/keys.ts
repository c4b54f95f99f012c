import type { Document } from 'bson';
import { CommandError } from '../errors';
import { formatDoc } from '../format';
import { isPlainObject } from '../paths';
import { shapeCells } from './cells';
import { GeoError, legacyPoint, parseStored, type Shape } from './geometry';

/**
 * The location values a dotted path reaches: arrays met on the way are descended into; at the end, a legacy
 * pair is one location and any other array holds several.
 */
export function geoValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown, parts: string[]): void => {
    if (parts.length === 0) {
      if (v === undefined || v === null) return;
      if (Array.isArray(v) && !legacyPoint(v)) {
        for (const e of v) if (e !== undefined && e !== null) out.push(e);
      } else out.push(v);
      return;
    }
    const [head, ...rest] = parts as [string, ...string[]];
    if (Array.isArray(v)) {
      for (const e of v) walk(e, parts);
      return;
    }
    if (isPlainObject(v) && head in v) walk(v[head], rest);
  };
  walk(doc, path.split('.'));
  return out;
}

/** The shapes at a path, skipping values that are not valid locations (queries ignore them, as mongod does). */
export function shapesAt(doc: unknown, path: string): Shape[] {
  const out: Shape[] = [];
  for (const v of geoValues(doc, path)) {
    try {
      out.push(parseStored(v));
    } catch (err) {
      if (!(err instanceof GeoError)) throw err;
    }
  }
  return out;
}

/**
 * The 2dsphere index keys of one field of a document (none when the field is missing or null: the index is
 * sparse on its geo fields). An invalid location fails the write with mongod's error 16755.
 */
export function geoKeys(doc: Document, path: string): string[] {
  const cells = new Set<string>();
  for (const v of geoValues(doc, path)) {
    let shape: Shape;
    try {
      shape = parseStored(v);
    } catch (err) {
      if (!(err instanceof GeoError)) throw err;
      throw new CommandError(16755, 'Location16755', `Can't extract geo keys: ${formatDoc(doc)}  ${err.message}`);
    }
    for (const c of shapeCells(shape)) cells.add(c);
  }
  return [...cells];
}
