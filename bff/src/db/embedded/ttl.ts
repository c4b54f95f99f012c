import type { Document } from 'bson';
import type { Engine } from './engine';
import { findMatches, latestView } from './query';
import { recordingWriter } from './change-log';
import { expireMeasurements } from './timeseries/collection';

/** One pass of the TTL monitor: removes documents whose indexed date is older than expireAfterSeconds. */
export function expireDocuments(engine: Engine, now = Date.now()): number {
  let removed = 0;
  const writer = recordingWriter(engine.autocommit, engine);
  for (const coll of [...engine.catalog.all()]) {
    for (const index of [...coll.indexes.values()]) {
      const ttl: unknown = index.spec.expireAfterSeconds;
      if (typeof ttl !== 'number' || index.fields.length !== 1) continue;
      // An array of dates expires with its earliest date, which is what $lte on the array matches.
      let filter: Document = { [index.fields[0] as string]: { $lte: new Date(now - ttl * 1000) } };
      if (index.spec.partialFilterExpression) filter = { $and: [filter, index.spec.partialFilterExpression] };
      for (const m of findMatches(coll, filter, {}, latestView)) {
        if (coll.locks.has(m.rid) || !coll.records.has(m.rid)) continue;
        writer.remove(coll, m.rid);
        removed++;
      }
    }
  }
  return removed + expireMeasurements(engine, writer, now);
}
