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
    case 't':
      for (const inner of op.ops) applyOp(engine, inner);
      return;
    default:
      throw new Error(`unknown journal op ${JSON.stringify(raw)}`);
  }
}

/**
 * Replays journal records. A transaction too large for one record is written as parts (`tp`) and a
 * commit marker (`tc`): parts are held until their marker, and parts without one (a torn commit)
 * are dropped at the end.
 */
export class Replayer {
  private readonly parts = new Map<string, Document[]>();
  ops = 0;

  constructor(private readonly engine: Engine) {}

  apply(doc: Document): void {
    if (doc.o === 'tp') {
      const x = String(doc.x);
      const list = this.parts.get(x) ?? [];
      list.push(doc.op as Document);
      this.parts.set(x, list);
      return;
    }
    if (doc.o === 'tc') {
      const x = String(doc.x);
      for (const op of this.parts.get(x) ?? []) applyOp(this.engine, op);
      this.parts.delete(x);
      this.ops++;
      return;
    }
    applyOp(this.engine, doc);
    this.ops++;
  }

  /** A snapshot record: either ops, or `{o:'I', ns}` followed by the collection's documents. */
  applySnapshotRecord(docs: Document[]): void {
    const head = docs[0];
    if (head?.o !== 'I') {
      for (const doc of docs) applyOp(this.engine, doc);
      return;
    }
    const [db, name] = splitNs(String(head.ns));
    const coll = this.engine.catalog.ensure(db, name);
    coll.beginBulk();
    try {
      for (let i = 1; i < docs.length; i++) coll.insert(docs[i] as Document, ++this.engine.seq);
    } finally {
      coll.endBulk();
    }
  }

  /** Transactions whose commit marker never made it to disk. */
  get tornCommits(): number {
    return this.parts.size;
  }
}
