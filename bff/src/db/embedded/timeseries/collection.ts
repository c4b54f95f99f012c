import type { Document } from 'bson';
import type { Engine, Writer } from '../engine';
import { CommandError, fail } from '../errors';
import { findMatches, latestView } from '../query';
import type { Collection } from '../storage/collection';
import { bucketValidator, timeseriesOptions, type TimeseriesOptions } from './options';

/**
 * Time-series collections (manual: "Time Series"): measurements are stored as inserted (no bucket
 * compression), so queries, aggregations, updates and deletes see the documents as written; mongod's
 * rules are kept: the time field must be a date, writes happen outside transactions, listCollections
 * shows the collection as type 'timeseries' beside its `system.buckets.<name>` collection, and
 * expireAfterSeconds removes measurements older than that (the TTL monitor's pass).
 */
export const BUCKETS_PREFIX = 'system.buckets.';

export function timeseriesOf(coll: Collection | undefined): TimeseriesOptions | undefined {
  return coll?.options.timeseries as TimeseriesOptions | undefined;
}

/** The `create` of a time-series collection: checked options, plus mongod's index on (metaField, timeField). */
export function createTimeseries(engine: Engine, db: string, name: string, cmd: Document, rest: Document): void {
  if (name.startsWith(BUCKETS_PREFIX)) fail('InvalidOptions', 'Time-series collection names cannot start with system.buckets.');
  if (cmd.capped === true) fail('InvalidOptions', 'Time-series collections cannot be capped');
  if (cmd.validator !== undefined) fail('InvalidOptions', 'Time-series collections do not support document validation');
  const checked = timeseriesOptions(cmd.timeseries, cmd.expireAfterSeconds);
  const opts: Document = { ...rest };
  delete opts.timeseries;
  delete opts.expireAfterSeconds;
  if (checked.expireAfterSeconds !== undefined) opts.expireAfterSeconds = checked.expireAfterSeconds;
  opts.timeseries = checked.timeseries;
  const coll = engine.catalog.create(db, name, opts);
  const { metaField, timeField } = checked.timeseries;
  // Since MongoDB 6.3 a time-series collection with a metaField gets this index on creation.
  if (metaField) engine.catalog.createIndex(coll, { key: { [metaField]: 1, [timeField]: 1 } });
}

/** collMod's expireAfterSeconds on a time-series collection: a number of seconds, or 'off' to stop expiry. */
export function collModTimeseriesTtl(options: Document, value: unknown): Document {
  const { expireAfterSeconds: _old, ...rest } = options;
  void _old;
  if (value === 'off') return rest;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail('InvalidOptions', "expireAfterSeconds must be a non-negative number or 'off'");
  }
  // Keep mongod's option order: expireAfterSeconds before timeseries.
  const { timeseries, ...other } = rest;
  return { ...other, expireAfterSeconds: value, timeseries };
}

/** listCollections entries for a time-series collection: the view-like collection, then its buckets. */
export function timeseriesInfos(coll: Collection): Document[] {
  const ts = timeseriesOf(coll) as TimeseriesOptions;
  const ttl = coll.options.expireAfterSeconds as number | undefined;
  const { timeseries: _ts, expireAfterSeconds: _ttl, ...other } = coll.options;
  void _ts;
  void _ttl;
  const options: Document = { ...other, ...(ttl !== undefined ? { expireAfterSeconds: ttl } : {}), timeseries: ts };
  return [
    { name: coll.name, type: 'timeseries', options, info: { readOnly: false } },
    {
      name: `${BUCKETS_PREFIX}${coll.name}`,
      type: 'collection',
      options: { validator: bucketValidator(ts.timeField), clusteredIndex: true, ...(ttl !== undefined ? { expireAfterSeconds: ttl } : {}), timeseries: ts },
      info: { readOnly: false, uuid: coll.uuid },
    },
  ];
}

function isValidDate(v: unknown): boolean {
  return v instanceof Date && !Number.isNaN(v.getTime());
}

/** Refuses a measurement as mongod does: its time field must hold a date (code 2 BadValue). */
export function checkMeasurement(ts: TimeseriesOptions, doc: Document): void {
  if (!isValidDate(doc[ts.timeField])) {
    throw new CommandError(2, 'BadValue', `'${ts.timeField}' must be present and contain a valid BSON UTC datetime value`);
  }
}

/** A writer that applies time-series rules: measurements need a date, and no writes in transactions. */
export function timeseriesWriter(inner: Writer): Writer {
  const check = (coll: Collection, doc?: Document): void => {
    const ts = timeseriesOf(coll);
    if (!ts) return;
    if (inner.txn) throw new CommandError(263, 'OperationNotSupportedInTransaction', `Cannot write to time-series collection ${coll.ns} in a multi-document transaction.`);
    if (doc) checkMeasurement(ts, doc);
  };
  return {
    view: inner.view,
    txn: inner.txn,
    insert: (coll, doc) => {
      check(coll, doc);
      inner.insert(coll, doc);
    },
    replace: (coll, rid, doc, kind) => {
      check(coll, doc);
      inner.replace(coll, rid, doc, kind);
    },
    remove: (coll, rid) => {
      check(coll);
      inner.remove(coll, rid);
    },
  };
}

/** The TTL pass for time-series collections: measurements whose time is older than expireAfterSeconds. */
export function expireMeasurements(engine: Engine, writer: Writer, now: number): number {
  let removed = 0;
  for (const coll of [...engine.catalog.all()]) {
    const ts = timeseriesOf(coll);
    const ttl: unknown = coll.options.expireAfterSeconds;
    if (!ts || typeof ttl !== 'number') continue;
    for (const m of findMatches(coll, { [ts.timeField]: { $lt: new Date(now - ttl * 1000) } }, {}, latestView)) {
      if (coll.locks.has(m.rid) || !coll.records.has(m.rid)) continue;
      writer.remove(coll, m.rid);
      removed++;
    }
  }
  return removed;
}
