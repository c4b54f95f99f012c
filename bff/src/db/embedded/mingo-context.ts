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

function typeNumberOf(spec: unknown): number | 'number' {
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

/** All of mingo's operators, with the engine's own where mongod's behaviour differs from mingo's. */
export const engineContext = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query: { ...queryOperators, $type },
  window: windowOperators,
});


/** A mingo query compiled with the engine's operators. */
export function engineQuery(filter: Record<string, unknown>, options: Partial<Options> = {}): Query {
  return new Query(filter, { ...options, context: engineContext });
}
