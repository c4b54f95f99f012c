import type { Document } from 'bson';
import { CommandError, fail } from '../errors';
import { isPlainObject } from '../paths';
import { findMatches, type ReadView } from '../query';
import type { Collection } from '../storage/collection';
import { angleTo, GeoError, legacyPoint, parseStored } from './geometry';
import { geoValues } from './keys';
import { findNear, parseNear } from './spec';

/** mongod's refusal of near operators where results cannot be sorted by distance ($match, $geoNear's query). */
export function refuseNear(filter: unknown): void {
  if (isPlainObject(filter) && findNear(filter).length > 0) {
    throw new CommandError(
      5626500,
      'Location5626500',
      '$geoNear, $near, and $nearSphere are not allowed in this context, as these operators require sorting geospatial data. If you do not need sort, consider using $geoWithin instead.',
    );
  }
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let at: Document = doc;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(at[p])) at[p] = {};
    at = at[p] as Document;
  }
  at[parts[parts.length - 1] as string] = value;
}

/** The 2dsphere-indexed field $geoNear uses: `key`, else the collection's only 2dsphere index. */
function keyField(coll: Collection, key: unknown): string {
  const geoFields = [...coll.indexes.values()].flatMap((i) => i.fields.filter((_f, k) => i.geoFields[k] === true));
  if (key !== undefined) {
    if (typeof key !== 'string' || key === '') fail('BadValue', '$geoNear parameter \'key\' must be of type string but found type: ' + typeof key);
    if (!geoFields.includes(key)) fail('IndexNotFound', `$geoNear requires a 2d or 2dsphere index, but none were found for key: ${key}`);
    return key;
  }
  if (geoFields.length === 0) fail('IndexNotFound', '$geoNear requires a 2d or 2dsphere index, but none were found');
  if (geoFields.length > 1) fail('IndexNotFound', `There is more than one 2dsphere index on ${coll.ns}; unsure which to use for $geoNear`);
  return geoFields[0] as string;
}

/**
 * The documents a leading $geoNear stage outputs (manual: "$geoNear (aggregation stage)"): nearest first,
 * with the distance in `distanceField` (metres for a GeoJSON `near`, radians for a legacy pair, times
 * `distanceMultiplier`) and the location used in `includeLocs`.
 */
export function geoNearDocs(coll: Collection | undefined, specIn: unknown, view: ReadView): Document[] {
  if (!isPlainObject(specIn)) fail('TypeMismatch', '$geoNear argument must be an object');
  const spec = specIn;
  if (spec.near === undefined) fail('BadValue', "$geoNear requires a 'near' argument");
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '') fail('BadValue', "$geoNear requires a 'distanceField' option as a String");
  if (spec.includeLocs !== undefined && typeof spec.includeLocs !== 'string') fail('BadValue', "$geoNear requires that 'includeLocs' option is a String");
  const multiplier = spec.distanceMultiplier ?? 1;
  if (typeof multiplier !== 'number' || multiplier < 0) fail('BadValue', "'distanceMultiplier' must be a non-negative number");
  if (spec.query !== undefined && !isPlainObject(spec.query)) fail('TypeMismatch', "$geoNear 'query' must be an object");
  refuseNear(spec.query);
  const near = isPlainObject(spec.near) && 'type' in spec.near ? { $geometry: spec.near } : spec.near;
  if (!isPlainObject(near) && !legacyPoint(near)) fail('BadValue', "$geoNear requires 'near' to be a GeoJSON point or a legacy coordinate pair");
  const cond: Document = { $nearSphere: near };
  if (spec.maxDistance !== undefined) cond.$maxDistance = spec.maxDistance;
  if (spec.minDistance !== undefined) cond.$minDistance = spec.minDistance;
  const q = parseNear(cond);
  if (!coll) return [];
  const field = keyField(coll, spec.key);
  const nearFilter = { [field]: cond };
  const filter = spec.query && Object.keys(spec.query).length > 0 ? { $and: [spec.query, nearFilter] } : nearFilter;
  const out: Document[] = [];
  for (const { doc } of findMatches(coll, filter, {}, view)) {
    let best = Infinity;
    let loc: unknown;
    for (const v of geoValues(doc, field)) {
      try {
        const d = angleTo(q.center, parseStored(v));
        if (d < best) {
          best = d;
          loc = v;
        }
      } catch (err) {
        if (!(err instanceof GeoError)) throw err;
      }
    }
    setPath(doc, spec.distanceField, best * q.unit * multiplier);
    if (typeof spec.includeLocs === 'string') setPath(doc, spec.includeLocs, loc);
    out.push(doc);
  }
  return out;
}
