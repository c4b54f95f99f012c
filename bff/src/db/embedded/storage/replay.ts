import type { Document } from 'bson';
import { splitNs, type JournalOp } from '../catalog';
import type { Engine } from '../engine';

/** Applies one journal or snapshot op. Every op sets absolute state, so applying one twice is harmless. */
export function applyOp(engine: Engine, raw: Document): void {
  const op = raw as JournalOp;
  const catalog = engine.catalog;
  switch (op.o) {
    case 'c': {
      const [db, name] = splitNs(op.ns);
      const existing = catalog.get(db, name);
      if (existing) existing.options = op.opts ?? {}; // collMod logs the new options this way
      else catalog.create(db, name, op.opts ?? {});
      return;
    }
    case 'D': {
      const [db, name] = splitNs(op.ns);
      catalog.drop(db, name);
      return;
    }
    case 'X':
      catalog.dropDatabase(op.db);
      return;
    case 'r':
      if (catalog.getNs(op.from)) catalog.rename(op.from, op.to, true);
      return;
    case 'ci': {
      const [db, name] = splitNs(op.ns);
      const coll = catalog.ensure(db, name);
      const existing = coll.indexes.get(op.spec.name as string);
      if (existing) coll.indexes.delete(existing.name);
      coll.addIndex(op.spec);
      return;
    }
    case 'di': {
      const coll = catalog.getNs(op.ns);
      coll?.indexes.delete(op.name);
      return;
    }
    case 'i':
    case 'u': {
      const [db, name] = splitNs(op.ns);
      const coll = catalog.ensure(db, name);
      const rid = coll.ridForId(op.d._id);
      if (rid === undefined) coll.insert(op.d, ++engine.seq);
      else coll.replace(rid, op.d, ++engine.seq);
      return;
    }
    case 'd': {
      const coll = catalog.getNs(op.ns);
      const rid = coll?.ridForId(op.id);
      if (coll && rid !== undefined) coll.delete(rid, ++engine.seq);
      return;
    }
    default:
      throw new Error(`unknown journal op ${JSON.stringify(raw)}`);
  }
}

/** The ops that rebuild the current state, collection by collection. */
export function* snapshotOps(engine: Engine): Generator<Document> {
  for (const coll of engine.catalog.all()) {
    yield { o: 'c', ns: coll.ns, opts: coll.options };
    for (const index of coll.indexes.values()) if (index.name !== '_id_') yield { o: 'ci', ns: coll.ns, spec: index.spec };
    for (const rid of coll.records.rids()) yield { o: 'i', ns: coll.ns, d: coll.doc(rid) as Document };
  }
}
