import { deserialize, serialize, type Document } from 'bson';
import type { Engine } from '../engine';
import type { FrozenHeap } from './heap';
import { frame } from './records';

/** A collection as it was at a compaction's cut. */
interface FrozenCollection {
  ns: string;
  options: Document;
  indexes: Document[];
  heap: FrozenHeap;
}

const copy = (doc: Document): Document => deserialize(serialize(doc, { checkKeys: false, ignoreUndefined: true }));

/** The whole state at this moment, cheaply (slot tables copied, pages shared): a compaction's cut. */
export function freezeState(engine: Engine): FrozenCollection[] {
  const out: FrozenCollection[] = [];
  for (const coll of engine.catalog.all()) {
    const indexes = [...coll.indexes.values()].filter((i) => i.name !== '_id_').map((i) => copy(i.spec));
    out.push({ ns: coll.ns, options: copy(coll.options), indexes, heap: coll.records.freeze() });
  }
  return out;
}

/** Records per frame of documents in a snapshot. */
const FRAME_BYTES = 1 << 20;

/**
 * The snapshot body in slices of about `sliceRecords` documents: per collection its create op, its
 * documents as frames `{o:'I', ns}` + raw BSON (no re-encoding), then its index definitions (built
 * once over all documents when loaded).
 */
export function* snapshotSlices(frozen: FrozenCollection[], sliceRecords: number): Generator<Buffer> {
  let parts: Buffer[] = [];
  let inSlice = 0;
  const flush = function* (): Generator<Buffer> {
    if (parts.length === 0) return;
    yield Buffer.concat(parts);
    parts = [];
    inSlice = 0;
  };
  for (const coll of frozen) {
    parts.push(frame([{ o: 'c', ns: coll.ns, opts: coll.options }]));
    const head = serialize({ o: 'I', ns: coll.ns });
    let docs: Uint8Array[] = [head];
    let bytes = 0;
    for (const rec of coll.heap.records()) {
      docs.push(rec);
      bytes += rec.length;
      inSlice++;
      if (bytes >= FRAME_BYTES || inSlice >= sliceRecords) {
        parts.push(frame(docs));
        docs = [head];
        bytes = 0;
        if (inSlice >= sliceRecords) yield* flush();
      }
    }
    if (docs.length > 1) parts.push(frame(docs));
    for (const spec of coll.indexes) parts.push(frame([{ o: 'ci', ns: coll.ns, spec }]));
  }
  yield* flush();
}
