// An ambient declaration file has no runtime module to import; tests compile this file without bff's includes.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./mingo-subpaths.d.ts" />
import { Binary, BSONRegExp, BSONSymbol, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { Context } from 'mingo/core';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types/types';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { resolve } from 'mingo/util';
import { fail } from './errors';
import { geoQueryOperators } from './geo/operators';

/** mongod's $type aliases and their numbers (manual: $type, "Available Types"). */
const TYPE_NUMBERS: Record<string, number> = {
  double: 1, string: 2, object: 3, array: 4, binData: 5, undefined: 6, objectId: 7, bool: 8, date: 9, null: 10,
  regex: 11, dbPointer: 12, javascript: 13, symbol: 14, javascriptWithScope: 15, int: 16, timestamp: 17, long: 18,
  decimal: 19, minKey: -1, maxKey: 127,
};
const NUMBER_TYPES = new Set([1, 16, 18, 19]);

/** The BSON type number a decoded value is stored as (an integer JS number in int32 range is an int). */
export function bsonTypeNumber(v: unknown): number {
  if (v === undefined) return 6;
  if (v === null) return 10;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 8;
  if (typeof v === 'number') return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? 16 : 1;
  if (typeof v === 'bigint') return 18;
  if (Array.isArray(v)) return 4;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp || v instanceof BSONRegExp) return 11;
  if (v instanceof ObjectId) return 7;
  if (v instanceof Binary || v instanceof Uint8Array) return 5;
  if (v instanceof Int32) return 16;
  if (v instanceof Double) return 1;
  if (v instanceof Long) return 18;
  if (v instanceof Decimal128) return 19;
  if (v instanceof Timestamp) return 17;
  if (v instanceof Code) return v.scope ? 15 : 13;
  if (v instanceof BSONSymbol) return 14;
  if (v instanceof MinKey) return -1;
  if (v instanceof MaxKey) return 127;
  return 3; // documents, DBRefs
}

/** mongod's type name for error messages ("int", "objectId", ...). */
export function bsonTypeName(v: unknown): string {
  const n = bsonTypeNumber(v);
  return Object.keys(TYPE_NUMBERS).find((k) => TYPE_NUMBERS[k] === n) ?? 'object';
}

export function typeNumberOf(spec: unknown): number | 'number' {
  if (spec === 'number') return 'number';
  if (typeof spec === 'string' && spec in TYPE_NUMBERS) return TYPE_NUMBERS[spec] as number;
  if (typeof spec === 'number' && Object.values(TYPE_NUMBERS).includes(spec)) return spec;
  if (typeof spec === 'string') fail('BadValue', `Unknown type name alias: ${spec}`);
  return fail('BadValue', `Invalid numerical type code: ${String(spec)}`);
}

/**
 * $type on BSON types as mongod has them: ObjectId, binData, long, timestamp and the rest (mingo only knows
 * JS types). An array field matches "array" and any type one of its elements has.
 */
const $type: typeof queryOperators.$type = (selector: string, value: unknown) => {
  const wanted = (Array.isArray(value) ? value : [value]).map(typeNumberOf);
  if (wanted.length === 0) fail('FailedToParse', '$type must match at least one type');
  const is = (v: unknown): boolean => {
    const n = bsonTypeNumber(v);
    return wanted.some((w) => (w === 'number' ? NUMBER_TYPES.has(n) : w === n));
  };
  return (o: unknown) => {
    const v: unknown = resolve(o as never, selector, { unwrapArray: true });
    if (v === undefined) return false;
    if (is(v)) return true;
    return Array.isArray(v) && v.some(is);
  };
};

// A DBRef decodes to a bson class; mongod's queries address its fields as $ref, $id and $db.
for (const [name, key] of [['$ref', 'collection'], ['$id', 'oid'], ['$db', 'db']] as const) {
  if (!Object.prototype.hasOwnProperty.call(DBRef.prototype, name)) {
    Object.defineProperty(DBRef.prototype, name, {
      get(this: DBRef) {
        return this[key];
      },
      enumerable: false,
      configurable: true,
    });
  }
}

type CollationSpec = { locale: string; strength?: number; caseLevel?: boolean; caseFirst?: string; numericOrdering?: boolean; alternate?: string };

/** An ICU locale as mongod writes it (en_US, zh@collation=pinyin) as a BCP 47 tag for Intl. */
export function localeTag(locale: string): string {
  const [base = '', keyword] = locale.split('@');
  const tag = base.replace(/_/g, '-');
  const co = /^collation=(\w+)$/.exec(keyword ?? '');
  return co ? `${tag}-u-co-${co[1] as string}` : tag;
}

const collators = new Map<string, Intl.Collator>();

/** A comparer for strings under a collation (strength 1: base letters, 2: and accents, 3: and case). */
function collatorFor(spec: CollationSpec): Intl.Collator {
  const key = JSON.stringify(spec);
  let c = collators.get(key);
  if (!c) {
    const strength = spec.strength ?? 3;
    let sensitivity: Intl.CollatorOptions['sensitivity'] = strength === 1 ? 'base' : strength === 2 ? 'accent' : 'variant';
    if (spec.caseLevel === true && sensitivity === 'base') sensitivity = 'case';
    if (spec.caseLevel === true && sensitivity === 'accent') sensitivity = 'variant';
    try {
      c = new Intl.Collator(localeTag(spec.locale), {
        sensitivity,
        numeric: spec.numericOrdering === true,
        ignorePunctuation: spec.alternate === 'shifted',
        ...(spec.caseFirst === 'upper' || spec.caseFirst === 'lower' ? { caseFirst: spec.caseFirst } : {}),
      });
    } catch {
      return fail('BadValue', `Field 'locale' is invalid in: { locale: "${spec.locale}" }`);
    }
    collators.set(key, c);
  }
  return c;
}

function activeCollation(options: unknown): CollationSpec | null {
  const spec = (options as { collation?: unknown } | undefined)?.collation;
  if (spec === null || typeof spec !== 'object') return null;
  const locale = (spec as { locale?: unknown }).locale;
  return typeof locale === 'string' && locale !== 'simple' ? (spec as CollationSpec) : null;
}

type QueryOp = typeof queryOperators.$eq;

/** Candidates a path condition is tested on: the value and, for an array, its elements. */
function candidates(o: unknown, selector: string): unknown[] {
  const v: unknown = resolve(o as never, selector, { unwrapArray: true });
  return Array.isArray(v) ? [v, ...v] : [v];
}

/**
 * Comparison operators that compare strings under the query's collation (manual: "Collation"): mingo's own
 * operators only honour collation in $sort. Without a collation, or for non-strings, mingo's operator decides.
 */
function collated(builtIn: QueryOp, test: (cmp: number) => boolean, mode: 'equal' | 'negate' | 'range'): QueryOp {
  return ((selector: string, value: unknown, options: never) => {
    const spec = activeCollation(options);
    const exact = builtIn(selector, value, options);
    if (!spec) return exact;
    const collator = collatorFor(spec);
    const wanted = (Array.isArray(value) && (builtIn === queryOperators.$in || builtIn === queryOperators.$nin) ? value : [value]).filter((w): w is string => typeof w === 'string');
    if (wanted.length === 0) return exact;
    return (o: unknown) => {
      const hit = candidates(o, selector).some((c) => typeof c === 'string' && wanted.some((w) => test(collator.compare(c, w))));
      if (mode === 'negate') return !hit && exact(o as never);
      // A string bound only compares with strings (type bracketing), and only as the collation orders them.
      return mode === 'range' ? hit : hit || exact(o as never);
    };
  }) as QueryOp;
}

const collatedQueryOps = {
  $eq: collated(queryOperators.$eq, (c) => c === 0, 'equal'),
  $in: collated(queryOperators.$in, (c) => c === 0, 'equal'),
  $ne: collated(queryOperators.$ne, (c) => c === 0, 'negate'),
  $nin: collated(queryOperators.$nin, (c) => c === 0, 'negate'),
  $gt: collated(queryOperators.$gt, (c) => c > 0, 'range'),
  $gte: collated(queryOperators.$gte, (c) => c >= 0, 'range'),
  $lt: collated(queryOperators.$lt, (c) => c < 0, 'range'),
  $lte: collated(queryOperators.$lte, (c) => c <= 0, 'range'),
};

/** mingo's $project, with `_id` first in each output document as mongod puts it (mingo appends it). */
const $project: typeof pipelineOperators.$project = (coll, expr, options) =>
  pipelineOperators.$project(coll, expr, options).map((doc) => {
    if (doc === null || typeof doc !== 'object' || !('_id' in doc)) return doc;
    const { _id, ...rest } = doc as Record<string, unknown>;
    return { _id, ...rest };
  });

/** All of mingo's operators, with the engine's own where mongod's behaviour differs from mingo's. */
export const engineContext = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: { ...pipelineOperators, $project },
  projection: projectionOperators,
  query: { ...queryOperators, ...collatedQueryOps, $type, ...(geoQueryOperators as unknown as Record<string, typeof queryOperators.$eq>) },
  window: windowOperators,
});


const shared = new WeakMap<object, Partial<Options>>();
let computeOptions: { init: (o: unknown) => unknown } | null | undefined;

/**
 * Marks a fixed set of options (never changed after) as shared by every query compiled with it. Given
 * plain options, mingo copies every operator of the context into each Query (tens of KB a query); given
 * its own ComputeOptions it shares them. That class is not exported, so it is taken once from the
 * options mingo hands an operator.
 */
export function sharedOptions<T extends Partial<Options>>(options: T): T {
  if (computeOptions === undefined) {
    let handed: unknown;
    const probe = Context.init({ query: { $handOptions: ((_s: string, _v: unknown, o: unknown) => ((handed = o), () => true)) as unknown as QueryOp } });
    new Query({ a: { $handOptions: 1 } }, { context: probe });
    const ctor = (handed as { constructor?: { init?: unknown } } | undefined)?.constructor;
    computeOptions = typeof ctor?.init === 'function' ? (ctor as { init: (o: unknown) => unknown }) : null;
  }
  if (computeOptions) shared.set(options, computeOptions.init({ ...options, context: engineContext }) as Partial<Options>);
  return Object.freeze(options);
}

/** Whether queries compiled with these options share mingo's options object (see sharedOptions). */
export function isShared(options: Partial<Options>): boolean {
  return shared.has(options);
}

/** A mingo query compiled with the engine's operators. */
export function engineQuery(filter: Record<string, unknown>, options: Partial<Options> = {}): Query {
  const computed = shared.get(options);
  if (computed) return new Query(filter, computed);
  return new Query(filter, { ...options, context: engineContext });
}
