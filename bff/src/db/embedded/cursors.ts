import { Long, calculateObjectSize, type Document } from 'bson';

const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 16 * 1024;

export interface ServerCursor {
  id: bigint;
  ns: string;
  docs: Document[];
  pos: number;
  /** Applied lazily per batch so large results are not projected up front. */
  transform: (docs: Document[]) => Document[];
  lastUsed: number;
  lsidKey: string | null;
  /** Idle timeout is not applied to cursors opened with noCursorTimeout. */
  noTimeout: boolean;
}

/** Open cursors with getMore batching, killCursors and idle reaping. */
export class CursorStore {
  private readonly cursors = new Map<bigint, ServerCursor>();
  private nextId = BigInt(Date.now()) * 1000n;

  get size(): number {
    return this.cursors.size;
  }

  /** Takes the first batch; registers a cursor only when documents remain. */
  open(
    ns: string,
    docs: Document[],
    batchSize: number | undefined,
    transform: (docs: Document[]) => Document[],
    lsidKey: string | null,
    noTimeout: boolean,
    singleBatch = false,
  ): { id: Long; batch: Document[] } {
    const cursor: ServerCursor = { id: 0n, ns, docs, pos: 0, transform, lastUsed: Date.now(), lsidKey, noTimeout };
    const batch = this.take(cursor, batchSize ?? 101);
    if (cursor.pos >= docs.length || singleBatch) return { id: Long.ZERO, batch };
    cursor.id = ++this.nextId;
    this.cursors.set(cursor.id, cursor);
    return { id: Long.fromBigInt(cursor.id), batch };
  }

  get(id: bigint): ServerCursor | undefined {
    return this.cursors.get(id);
  }

  next(cursor: ServerCursor, batchSize: number | undefined): { id: Long; batch: Document[] } {
    cursor.lastUsed = Date.now();
    const batch = this.take(cursor, batchSize ?? Infinity);
    if (cursor.pos >= cursor.docs.length) {
      this.cursors.delete(cursor.id);
      return { id: Long.ZERO, batch };
    }
    return { id: Long.fromBigInt(cursor.id), batch };
  }

  kill(id: bigint): boolean {
    return this.cursors.delete(id);
  }

  killSession(lsidKey: string): void {
    for (const [id, c] of this.cursors) if (c.lsidKey === lsidKey) this.cursors.delete(id);
  }

  killNs(prefix: string): void {
    for (const [id, c] of this.cursors) if (c.ns === prefix || c.ns.startsWith(`${prefix}.`)) this.cursors.delete(id);
  }

  reap(timeoutMs: number): number {
    const cutoff = Date.now() - timeoutMs;
    let n = 0;
    for (const [id, c] of this.cursors) {
      if (!c.noTimeout && c.lastUsed < cutoff) {
        this.cursors.delete(id);
        n++;
      }
    }
    return n;
  }

  /** The next batch: projected first, so the 16 MB limit is measured on what is sent. */
  private take(cursor: ServerCursor, batchSize: number): Document[] {
    const limit = batchSize <= 0 ? Infinity : batchSize;
    const out: Document[] = [];
    let bytes = 0;
    while (cursor.pos < cursor.docs.length && out.length < limit) {
      const n = Math.min(limit - out.length, cursor.docs.length - cursor.pos, 1000);
      const shaped = cursor.transform(cursor.docs.slice(cursor.pos, cursor.pos + n));
      for (const doc of shaped) {
        const size = calculateObjectSize(doc);
        if (out.length > 0 && bytes + size > MAX_BATCH_BYTES) return out;
        out.push(doc);
        bytes += size;
        cursor.pos++;
      }
    }
    return out;
  }
}
