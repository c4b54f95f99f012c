import type { Document } from 'bson';
import { CommandError, fail } from '../errors';
import { isPlainObject } from '../paths';

/**
 * Time-series options as mongod 8.0 checks and stores them (manual: "Create a Time Series Collection",
 * "Time Series Granularity"): a granularity stands for a bucket span, custom bucketing sets both
 * bucketMaxSpanSeconds and bucketRoundingSeconds to one value, and the stored options say which was used.
 */
const SPAN_OF: Record<string, number> = { seconds: 3600, minutes: 86_400, hours: 2_592_000 };
const KNOWN = ['timeField', 'metaField', 'granularity', 'bucketMaxSpanSeconds', 'bucketRoundingSeconds'];
const MAX_SPAN = 31_536_000;

export interface TimeseriesOptions {
  timeField: string;
  metaField?: string;
  granularity?: string;
  bucketRoundingSeconds?: number;
  bucketMaxSpanSeconds: number;
}

function checkFieldName(what: string, v: unknown): string {
  if (typeof v !== 'string') throw new CommandError(14, 'TypeMismatch', `BSON field 'TimeseriesOptions.${what}' is the wrong type '${typeof v}', expected type 'string'`);
  if (v === '' || v.includes('.') || v.startsWith('$')) fail('InvalidOptions', `The '${what}' field cannot be empty, start with '$' or contain embedded fields`);
  return v;
}

/** Checks `create`'s timeseries (and expireAfterSeconds) and returns the options mongod stores. */
export function timeseriesOptions(raw: unknown, expireAfterSeconds: unknown): { timeseries: TimeseriesOptions; expireAfterSeconds?: number } {
  if (!isPlainObject(raw)) throw new CommandError(14, 'TypeMismatch', `BSON field 'create.timeseries' is the wrong type '${Array.isArray(raw) ? 'array' : typeof raw}', expected type 'object'`);
  for (const k of Object.keys(raw)) {
    if (!KNOWN.includes(k)) throw new CommandError(40415, 'Location40415', `BSON field 'TimeseriesOptions.${k}' is an unknown field.`);
  }
  if (raw.timeField === undefined) throw new CommandError(40414, 'Location40414', "BSON field 'TimeseriesOptions.timeField' is missing but a required field");
  const timeField = checkFieldName('timeField', raw.timeField);
  const metaField = raw.metaField === undefined ? undefined : checkFieldName('metaField', raw.metaField);
  if (metaField === '_id') fail('InvalidOptions', "The 'metaField' field cannot be \"_id\"");
  if (metaField === timeField) fail('InvalidOptions', "The 'metaField' field cannot be the same as the 'timeField' field");
  const out: TimeseriesOptions = { timeField, bucketMaxSpanSeconds: 0 };
  if (metaField !== undefined) out.metaField = metaField;
  const { granularity, bucketMaxSpanSeconds: span, bucketRoundingSeconds: rounding } = raw;
  if (span !== undefined || rounding !== undefined) {
    if (granularity !== undefined) fail('InvalidOptions', "Timeseries 'bucketMaxSpanSeconds' and 'bucketRoundingSeconds' are not allowed together with 'granularity'");
    if (typeof span !== 'number' || typeof rounding !== 'number' || span !== rounding) {
      fail('InvalidOptions', "Timeseries 'bucketMaxSpanSeconds' and 'bucketRoundingSeconds' fields must be present together and must be equal");
    }
    if (!Number.isInteger(span) || span < 1 || span > MAX_SPAN) fail('InvalidOptions', `Timeseries 'bucketMaxSpanSeconds' must be between 1 and ${MAX_SPAN}`);
    out.bucketRoundingSeconds = rounding;
    out.bucketMaxSpanSeconds = span;
  } else {
    const g = granularity ?? 'seconds';
    if (typeof g !== 'string' || !(g in SPAN_OF)) fail('BadValue', `Enumeration value '${String(g)}' for field 'TimeseriesOptions.granularity' is not a valid value.`);
    out.granularity = g;
    out.bucketMaxSpanSeconds = SPAN_OF[g] as number;
  }
  if (expireAfterSeconds === undefined) return { timeseries: out };
  if (typeof expireAfterSeconds !== 'number' || !Number.isFinite(expireAfterSeconds) || expireAfterSeconds < 0) {
    fail('InvalidOptions', "TTL index 'expireAfterSeconds' option must be a non-negative number");
  }
  return { timeseries: out, expireAfterSeconds };
}

/** mongod's schema of bucket documents, shown as the bucket collection's validator. */
export function bucketValidator(timeField: string): Document {
  const bound = { bsonType: 'object', required: [timeField], properties: { [timeField]: { bsonType: 'date' } } };
  return {
    $jsonSchema: {
      bsonType: 'object',
      required: ['_id', 'control', 'data'],
      properties: {
        _id: { bsonType: 'objectId' },
        control: {
          bsonType: 'object',
          required: ['version', 'min', 'max'],
          properties: { version: { bsonType: 'number' }, min: bound, max: bound, closed: { bsonType: 'bool' }, count: { bsonType: 'number', minimum: 1 } },
          additionalProperties: false,
        },
        data: { bsonType: 'object' },
        meta: {},
      },
      additionalProperties: false,
    },
  };
}
