/**
 * An ordered list kept in chunks (a flat B+tree of depth two): inserts and deletes move at most one
 * chunk's elements, lookups are two binary searches, and iteration is in order either way.
 */
const MAX_CHUNK = 512;

export interface Position {
  chunk: number;
  index: number;
}

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;
  /** Numeric columns (see column()): per column, its function and each chunk's values once read. */
  private columns: { of: (x: T) => number; chunks: (Float64Array | undefined)[] }[] = [];

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  /**
   * Adds a numeric column: `of` of every element, kept per chunk in a Float64Array made when first
   * read after the chunk changed, so a walk that compares by it reads packed numbers, not elements.
   * Answers the column's number for columnChunk().
   */
  addColumn(of: (x: T) => number): number {
    this.columns.push({ of, chunks: [] });
    return this.columns.length - 1;
  }

  /** Column `col`'s values for chunk `ci` (index for index with chunkAt(ci)); not to be changed. */
  columnChunk(col: number, ci: number): Float64Array {
    const c = this.columns[col] as { of: (x: T) => number; chunks: (Float64Array | undefined)[] };
    // Kept as long as the chunk list (packed, not a sparse array), each slot filled when first read.
    while (c.chunks.length < this.chunks.length) c.chunks.push(undefined);
    let values = c.chunks[ci];
    if (!values) {
      const chunk = this.chunks[ci] as T[];
      values = new Float64Array(chunk.length);
      for (let i = 0; i < chunk.length; i++) values[i] = c.of(chunk[i] as T);
      c.chunks[ci] = values;
    }
    return values;
  }

  /** Chunk `ci` changed in place (a split follows it with a new one): its column values are read again. */
  private touched(ci: number): void {
    for (const c of this.columns) if (c.chunks.length > ci) c.chunks[ci] = undefined;
  }

  /** Chunks were added, removed or rebuilt: every column is read again. */
  private reshaped(): void {
    for (const c of this.columns) c.chunks = [];
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
    this.reshaped();
  }

  insert(item: T): void {
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      this.count = 1;
      this.reshaped();
      return;
    }
    // First chunk whose last element is >= item, or the last chunk.
    let ci = this.chunkFor((last) => this.cmp(last, item) >= 0);
    if (ci === this.chunks.length) ci -= 1;
    const chunk = this.chunks[ci] as T[];
    const at = lowerBound(chunk, (x) => this.cmp(x, item) >= 0);
    chunk.splice(at, 0, item);
    this.count++;
    this.touched(ci);
    if (chunk.length > MAX_CHUNK) {
      const tail = chunk.splice(chunk.length >> 1);
      this.chunks.splice(ci + 1, 0, tail);
      for (const c of this.columns) if (c.chunks.length > ci) c.chunks.splice(ci, 1, undefined, undefined);
    }
  }

  /** Inserts at a position found by seek (null: after everything), which must keep the order. */
  insertAt(pos: Position | null, item: T): void {
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      this.count = 1;
      this.reshaped();
      return;
    }
    let ci: number;
    let at: number;
    if (pos) {
      ci = pos.chunk;
      at = pos.index;
    } else {
      ci = this.chunks.length - 1;
      at = (this.chunks[ci] as T[]).length;
    }
    const chunk = this.chunks[ci] as T[];
    chunk.splice(at, 0, item);
    this.count++;
    this.touched(ci);
    if (chunk.length > MAX_CHUNK) {
      const tail = chunk.splice(chunk.length >> 1);
      this.chunks.splice(ci + 1, 0, tail);
      for (const c of this.columns) if (c.chunks.length > ci) c.chunks.splice(ci, 1, undefined, undefined);
    }
  }

  /**
   * Inserts items already in list order. Each run of items that lands in one chunk is merged into it
   * at once, and the chunk array is rebuilt once, so a large batch costs one pass instead of many splices.
   */
  insertSorted(items: readonly T[]): void {
    if (items.length === 0) return;
    const old = this.chunks;
    const out: T[][] = [];
    let ci = 0;
    let i = 0;
    while (i < items.length) {
      const item = items[i] as T;
      let t = old.length === 0 ? -1 : this.chunkFor((last) => this.cmp(last, item) >= 0, ci);
      if (t === old.length) t -= 1;
      for (; ci < t; ci++) out.push(old[ci] as T[]);
      const chunk = t < 0 ? [] : (old[t] as T[]);
      let j = i + 1;
      if (t === old.length - 1) j = items.length;
      else {
        const last = chunk[chunk.length - 1] as T;
        while (j < items.length && this.cmp(last, items[j] as T) >= 0) j++;
      }
      // Merge items[i, j) into the chunk: binary search each one's place after the previous one's.
      const merged: T[] = [];
      let pos = 0;
      for (let k = i; k < j; k++) {
        const x = items[k] as T;
        const at = pos >= chunk.length || this.cmp(chunk[pos] as T, x) >= 0 ? pos : lowerBound(chunk, (y) => this.cmp(y, x) >= 0, pos + 1);
        for (; pos < at; pos++) merged.push(chunk[pos] as T);
        merged.push(x);
      }
      for (; pos < chunk.length; pos++) merged.push(chunk[pos] as T);
      if (merged.length <= MAX_CHUNK) out.push(merged);
      else {
        const pieces = Math.ceil(merged.length / ((MAX_CHUNK * 3) >> 2));
        const size = Math.ceil(merged.length / pieces);
        for (let p = 0; p < merged.length; p += size) out.push(merged.slice(p, p + size));
      }
      ci = t + 1;
      i = j;
    }
    for (; ci < old.length; ci++) out.push(old[ci] as T[]);
    this.chunks = out;
    this.count += items.length;
    this.reshaped();
  }

  /** Removes one element equal (cmp === 0) to item; returns whether one was found. */
  remove(item: T): boolean {
    const pos = this.seek((x) => this.cmp(x, item) >= 0);
    if (!pos) return false;
    const chunk = this.chunks[pos.chunk] as T[];
    if (this.cmp(chunk[pos.index] as T, item) !== 0) return false;
    chunk.splice(pos.index, 1);
    this.count--;
    this.touched(pos.chunk);
    if (chunk.length === 0) {
      this.chunks.splice(pos.chunk, 1);
      for (const c of this.columns) if (c.chunks.length > pos.chunk) c.chunks.splice(pos.chunk, 1);
    }
    return true;
  }

  /** Position of the first element for which the monotonic predicate holds, or null. */
  seek(pred: (x: T) => boolean): Position | null {
    const ci = this.chunkFor((last) => pred(last));
    if (ci >= this.chunks.length) return null;
    const chunk = this.chunks[ci] as T[];
    return { chunk: ci, index: lowerBound(chunk, pred) };
  }

  /** Position of the last element for which the predicate (true then false) holds, or null. */
  seekLast(pred: (x: T) => boolean): Position | null {
    const first = this.seek((x) => !pred(x));
    if (!first) {
      if (this.count === 0) return null;
      const lc = this.chunks.length - 1;
      return { chunk: lc, index: (this.chunks[lc] as T[]).length - 1 };
    }
    return this.step(first, -1);
  }

  /** How many chunks the list has (with chunkAt: read access for walks that keep their own position). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /** Chunk `i`, in order; not to be changed by the caller. */
  chunkAt(i: number): readonly T[] {
    return this.chunks[i] as T[];
  }

  first(): Position | null {
    return this.count === 0 ? null : { chunk: 0, index: 0 };
  }

  last(): Position | null {
    return this.seekLast(() => true);
  }

  at(pos: Position): T {
    return (this.chunks[pos.chunk] as T[])[pos.index] as T;
  }

  step(pos: Position, dir: 1 | -1): Position | null {
    let { chunk, index } = pos;
    index += dir;
    if (dir === 1) {
      while (chunk < this.chunks.length && index >= (this.chunks[chunk] as T[]).length) {
        chunk++;
        index = 0;
      }
      return chunk < this.chunks.length ? { chunk, index } : null;
    }
    while (index < 0) {
      chunk--;
      if (chunk < 0) return null;
      index = (this.chunks[chunk] as T[]).length - 1;
    }
    return { chunk, index };
  }

  *iterate(from: Position | null, dir: 1 | -1): Generator<T> {
    if (!from) return;
    let ci = from.chunk;
    let i = from.index;
    while (ci >= 0 && ci < this.chunks.length) {
      const chunk = this.chunks[ci] as T[];
      if (dir === 1) for (; i < chunk.length; i++) yield chunk[i] as T;
      else for (; i >= 0; i--) yield chunk[i] as T;
      ci += dir;
      i = dir === 1 ? 0 : ((this.chunks[ci] as T[] | undefined)?.length ?? 0) - 1;
    }
  }

  private chunkFor(pred: (last: T) => boolean, from = 0): number {
    let lo = from;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.chunks[mid] as T[];
      if (pred(c[c.length - 1] as T)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function lowerBound<T>(arr: T[], pred: (x: T) => boolean, from = 0): number {
  let lo = from;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(arr[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
