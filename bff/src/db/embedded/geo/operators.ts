import type { Document } from 'bson';
import { angleTo } from './geometry';
import { shapesAt } from './keys';
import { parseIntersects, parseNear, parseWithin } from './spec';

/**
 * Geo query operators for the engine's mingo context. $geoWithin / $geoIntersects test the stored location(s)
 * at the path (documents whose location is missing or invalid never match). $near / $nearSphere match within
 * their GeoJSON distance limits here; the order by distance, and limits given beside a legacy point, come from
 * the 2dsphere plan that every near query must use (geo/plan.ts).
 */
type QueryOp = (selector: string, value: unknown, options: unknown) => (o: Document) => boolean;

const $geoWithin: QueryOp = (selector, value) => {
  const q = parseWithin(value);
  return (o) => shapesAt(o, selector).some(q.test);
};

const $geoIntersects: QueryOp = (selector, value) => {
  const q = parseIntersects(value);
  return (o) => shapesAt(o, selector).some(q.test);
};

const near =
  (op: '$near' | '$nearSphere'): QueryOp =>
  (selector, value) => {
    const q = parseNear({ [op]: value });
    return (o) => shapesAt(o, selector).some((s) => {
      const d = angleTo(q.center, s);
      return d >= q.minAngle && d <= q.maxAngle;
    });
  };

/** Read with their $near by the plan; alone they constrain nothing. */
const distanceLimit: QueryOp = () => () => true;

export const geoQueryOperators = {
  $geoWithin,
  $within: $geoWithin,
  $geoIntersects,
  $near: near('$near'),
  $nearSphere: near('$nearSphere'),
  $maxDistance: distanceLimit,
  $minDistance: distanceLimit,
};
