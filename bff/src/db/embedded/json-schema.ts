import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Document } from 'bson';
import { fail } from './errors';
import { bsonTypeNumber, typeNumberOf } from './mingo-context';
import { isPlainObject } from './paths';

/**
 * MongoDB's `$jsonSchema` (manual: "$jsonSchema", draft 4 with `bsonType`, no `$ref`/`format`/`default`),
 * checked by Ajv: the schema is translated to Ajv's dialect (draft 4's boolean `exclusiveMaximum` becomes a
 * bound, `type` and `bsonType` become keywords that know BSON types), then compiled once and cached.
 */
const KEYWORDS = new Set([
  'additionalItems', 'additionalProperties', 'allOf', 'anyOf', 'bsonType', 'dependencies', 'description', 'enum',
  'exclusiveMaximum', 'exclusiveMinimum', 'items', 'maximum', 'maxItems', 'maxLength', 'maxProperties', 'minimum',
  'minItems', 'minLength', 'minProperties', 'multipleOf', 'not', 'oneOf', 'pattern', 'patternProperties',
  'properties', 'required', 'title', 'type', 'uniqueItems', 'encrypt',
]);
const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);
const JSON_TYPES: Record<string, number[]> = { object: [3], array: [4], number: [1, 16, 18, 19], boolean: [8], string: [2], null: [10] };
const SUB_SCHEMA_MAPS = new Set(['properties', 'patternProperties']);
const SUB_SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

function typesOf(spec: unknown, json: boolean): number[] {
  const names = Array.isArray(spec) ? spec : [spec];
  if (names.length === 0) fail('FailedToParse', `$jsonSchema keyword '${json ? 'type' : 'bsonType'}' must name at least one type`);
  return names.flatMap((n) => {
    if (json) {
      if (n === 'integer') fail('FailedToParse', "$jsonSchema type 'integer' is not currently supported.");
      const t = typeof n === 'string' ? JSON_TYPES[n] : undefined;
      if (!t) fail('BadValue', `Unknown JSON Schema alias: ${String(n)}`);
      return t;
    }
    const t = typeNumberOf(n);
    return t === 'number' ? (JSON_TYPES.number as number[]) : [t];
  });
}

/** The Ajv form of one MongoDB schema level (recursively); refuses what mongod refuses. */
function translate(schema: unknown): Document {
  if (!isPlainObject(schema)) fail('TypeMismatch', '$jsonSchema must be an object');
  const out: Document = {};
  for (const [k, v] of Object.entries(schema)) {
    if (UNSUPPORTED.has(k)) fail('FailedToParse', `$jsonSchema keyword '${k}' is not currently supported`);
    if (!KEYWORDS.has(k)) fail('FailedToParse', `Unknown $jsonSchema keyword: ${k}`);
    if (k === 'type') out.jsonType = typesOf(v, true);
    else if (k === 'bsonType') out.bsonType = typesOf(v, false);
    else if (k === 'exclusiveMaximum' || k === 'exclusiveMinimum') {
      if (typeof v !== 'boolean') fail('TypeMismatch', `$jsonSchema keyword '${k}' must be a boolean`);
      const bound = k === 'exclusiveMaximum' ? 'maximum' : 'minimum';
      if (schema[bound] === undefined) fail('FailedToParse', `$jsonSchema keyword '${bound}' must be a present if ${k} is present`);
    } else if (k === 'maximum' || k === 'minimum') {
      const exclusive = schema[k === 'maximum' ? 'exclusiveMaximum' : 'exclusiveMinimum'] === true;
      out[exclusive ? (k === 'maximum' ? 'exclusiveMaximum' : 'exclusiveMinimum') : k] = v;
    } else if (SUB_SCHEMA_MAPS.has(k)) {
      if (!isPlainObject(v)) fail('TypeMismatch', `$jsonSchema keyword '${k}' must be an object`);
      out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, translate(s)]));
    } else if (SUB_SCHEMA_LISTS.has(k)) {
      if (!Array.isArray(v) || v.length === 0) fail('TypeMismatch', `$jsonSchema keyword '${k}' must be a nonempty array`);
      out[k] = v.map(translate);
    } else if (k === 'not') out.not = translate(v);
    else if (k === 'items') out.items = Array.isArray(v) ? v.map(translate) : translate(v);
    else if ((k === 'additionalProperties' || k === 'additionalItems') && typeof v !== 'boolean') out[k] = translate(v);
    else if (k === 'dependencies' && isPlainObject(v)) {
      out.dependencies = Object.fromEntries(Object.entries(v).map(([p, d]) => [p, Array.isArray(d) ? d : translate(d)]));
    } else if (k === 'pattern' && v instanceof RegExp) out.pattern = v.source;
    else if (k !== 'encrypt') out[k] = v;
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
for (const keyword of ['bsonType', 'jsonType']) {
  ajv.addKeyword({
    keyword,
    schemaType: 'array',
    errors: true,
    validate: (types: number[], data: unknown) => types.includes(bsonTypeNumber(data)),
  });
}

const compiled = new WeakMap<object, ValidateFunction>();

/** The compiled form of a MongoDB `$jsonSchema` (cached by schema object). */
export function compileJsonSchema(schema: unknown): ValidateFunction {
  if (schema !== null && typeof schema === 'object') {
    const hit = compiled.get(schema);
    if (hit) return hit;
  }
  const fn = ajv.compile(translate(schema));
  if (schema !== null && typeof schema === 'object') compiled.set(schema, fn);
  return fn;
}

/** mingo's `jsonSchemaValidator` hook, so `$jsonSchema` works in queries and validators alike. */
export function jsonSchemaValidator(schema: unknown): (doc: unknown) => boolean {
  const fn = compileJsonSchema(schema);
  return (doc) => fn(doc) === true;
}

/** The Ajv errors of a failing document (all of them), or [] when it passes. */
export function jsonSchemaErrors(schema: unknown, doc: unknown): ErrorObject[] {
  const fn = compileJsonSchema(schema);
  return fn(doc) ? [] : [...(fn.errors ?? [])];
}
