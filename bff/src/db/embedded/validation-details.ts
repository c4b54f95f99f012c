import type { ErrorObject } from 'ajv';
import type { Document } from 'bson';
import { resolve } from 'mingo/util';
import { jsonSchemaErrors } from './json-schema';
import { bsonTypeName, engineQuery } from './mingo-context';
import { mingoOptions } from './query';

/**
 * The `errInfo.details` mongod attaches to a DocumentValidationFailure (manual: "Schema Validation",
 * "Specify Validation With Query Operators"): which rule failed, what it specified and what was considered.
 */
const REASONS: Record<string, string> = {
  bsonType: 'type did not match',
  jsonType: 'type did not match',
  minimum: 'comparison failed',
  maximum: 'comparison failed',
  exclusiveMinimum: 'comparison failed',
  exclusiveMaximum: 'comparison failed',
  enum: 'value was not found in enum',
  pattern: 'regular expression did not match',
  minLength: 'specified string length was not satisfied',
  maxLength: 'specified string length was not satisfied',
  minItems: 'array did not match specified length',
  maxItems: 'array did not match specified length',
  uniqueItems: 'found a duplicate item',
  minProperties: 'specified number of properties was not satisfied',
  maxProperties: 'specified number of properties was not satisfied',
  multipleOf: 'considered value was not a multiple of the specified value',
  not: 'child expression matched',
};

interface Failure {
  path: string[];
  err: ErrorObject;
}

function considered(value: unknown): Document {
  return value === undefined ? {} : { consideredValue: value, consideredType: bsonTypeName(value) };
}

function group(failures: Failure[]): Map<string, Failure[]> {
  const out = new Map<string, Failure[]>();
  for (const f of failures) {
    const key = f.path[0] ?? '';
    out.set(key, [...(out.get(key) ?? []), { path: f.path.slice(1), err: f.err }]);
  }
  return out;
}

/** mongod's `schemaRulesNotSatisfied` for the failures under one schema level. */
function rules(failures: Failure[], schema: Document, value: unknown, depth: number): Document[] {
  const out: Document[] = [];
  for (const [keyword, list] of group(failures)) {
    const spec: unknown = schema[keyword];
    if (keyword === 'properties') {
      const props = spec as Document;
      const propertiesNotSatisfied = [...group(list)].map(([name, sub]) => {
        const sch = (props[name] ?? {}) as Document;
        const entry: Document = { propertyName: name };
        if (typeof sch.description === 'string') entry.description = sch.description;
        entry.details = rules(sub, sch, (value as Document | undefined)?.[name], depth + 1);
        return entry;
      });
      out.push({ operatorName: 'properties', propertiesNotSatisfied });
    } else if (keyword === 'required') {
      out.push({ operatorName: 'required', specifiedAs: { required: spec }, missingProperties: list.map((f) => f.err.params.missingProperty as string).sort() });
    } else if (keyword === 'additionalProperties') {
      out.push({ operatorName: 'additionalProperties', specifiedAs: { additionalProperties: spec }, additionalProperties: list.map((f) => f.err.params.additionalProperty as string) });
    } else if (keyword === 'items' && !Array.isArray(spec)) {
      const at = (f: Failure): number => Number(f.err.instancePath.split('/').slice(1)[depth] ?? 0);
      const index = Math.min(...list.map(at));
      const item = Array.isArray(value) ? (value[index] as unknown) : undefined;
      out.push({ operatorName: 'items', reason: 'At least one item did not match the sub-schema', itemIndex: index, details: rules(list.filter((f) => at(f) === index), spec as Document, item, depth + 1) });
    } else if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') {
      const subs = spec as Document[];
      const schemasNotSatisfied = [...group(list.filter((f) => f.path.length > 0))].map(([i, sub]) => ({ index: Number(i), details: rules(sub, subs[Number(i)] ?? {}, value, depth) }));
      out.push({ operatorName: keyword, schemasNotSatisfied });
    } else {
      const name = keyword === 'jsonType' ? 'type' : keyword;
      const specifiedAs = keyword === 'jsonType' ? { type: schema.type } : keyword === 'bsonType' ? { bsonType: schema.bsonType } : { [name]: spec };
      out.push({ operatorName: name, specifiedAs, reason: REASONS[keyword] ?? list[0]?.err.message ?? 'validation failed', ...considered(value) });
    }
  }
  return out;
}

/** Details of a `$jsonSchema` failure; `schema` is the schema as the user wrote it. */
function schemaDetails(schema: Document, doc: Document): Document {
  // Ajv reports on its translated schema; map its paths back to the original keywords.
  const failures = jsonSchemaErrors(schema, doc)
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'allOf')
    .map((err) => {
      const path = err.schemaPath.replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const last = path.at(-1);
      if (last === 'exclusiveMaximum') path[path.length - 1] = 'maximum';
      if (last === 'exclusiveMinimum') path[path.length - 1] = 'minimum';
      return { path, err };
    });
  const normalised = withJsonTypeAlias(schema);
  return { operatorName: '$jsonSchema', schemaRulesNotSatisfied: rules(failures, normalised, doc, 0) };
}

/** The user's schema with `type` also reachable as `jsonType` (the translated keyword's name). */
function withJsonTypeAlias(schema: unknown): Document {
  if (Array.isArray(schema)) return schema.map(withJsonTypeAlias) as unknown as Document;
  if (schema === null || typeof schema !== 'object') return schema as Document;
  const out: Document = {};
  for (const [k, v] of Object.entries(schema as Document)) out[k] = k === 'enum' || k === 'required' ? v : withJsonTypeAlias(v);
  if ((schema as Document).type !== undefined) out.jsonType = (schema as Document).type;
  return out;
}

const LOGICAL = new Set(['$and', '$or', '$nor']);

function passes(filter: Document, doc: Document): boolean {
  return engineQuery(filter, mingoOptions()).test(doc);
}

/** Details of one top-level clause of a validator. */
function clauseDetails(key: string, value: unknown, doc: Document): Document {
  if (key === '$jsonSchema') return schemaDetails(value as Document, doc);
  if (LOGICAL.has(key)) {
    const clauses = value as Document[];
    const clausesNotSatisfied = clauses
      .map((c, index) => ({ c, index }))
      .filter(({ c }) => (key === '$nor' ? passes(c, doc) : !passes(c, doc)))
      .map(({ c, index }) => ({ index, details: filterDetails(c, doc) }));
    return { operatorName: key, clausesNotSatisfied };
  }
  if (key === '$expr') return { operatorName: '$expr', specifiedAs: { $expr: value }, reason: 'expression did not match', expressionResult: false };
  const found: unknown = resolve(doc, key);
  const ops = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).every((k) => k.startsWith('$')) ? Object.entries(value as Document) : [['$eq', value] as [string, unknown]];
  const failed = ops.find(([op, v]) => !passes({ [key]: { [op]: v } }, doc)) ?? ops[0] ?? ['$eq', value];
  const [op, arg] = failed;
  const reason = found === undefined ? 'field was missing' : op === '$type' ? 'type did not match' : op === '$regex' ? 'regular expression did not match' : 'comparison failed';
  return { operatorName: op, specifiedAs: { [key]: { [op]: arg } }, reason, ...considered(found) };
}

/** mongod's `errInfo.details` for a document that fails a collection validator. */
export function filterDetails(validator: Document, doc: Document): Document {
  const failing = Object.entries(validator).filter(([k, v]) => !passes({ [k]: v }, doc));
  if (Object.keys(validator).length === 1 && failing[0]) return clauseDetails(failing[0][0], failing[0][1], doc);
  return {
    operatorName: '$and',
    clausesNotSatisfied: failing.map(([k, v]) => ({ index: Object.keys(validator).indexOf(k), details: clauseDetails(k, v, doc) })),
  };
}
