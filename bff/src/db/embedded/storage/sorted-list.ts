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

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }

  insert(item: T): void {
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      this.count = 1;
      return;
    }
    // First chunk whose last element is >= item, or the last chunk.
    let ci = this.chunkFor((last) => this.cmp(last, item) >= 0);
    if (ci === this.chunks.length) ci -= 1;
    const chunk = this.chunks[ci] as T[];
    const at = lowerBound(chunk, (x) => this.cmp(x, item) >= 0);
    chunk.splice(at, 0, item);
    this.count++;
    if (chunk.length > MAX_CHUNK) {
      const tail = chunk.splice(chunk.length >> 1);
      this.chunks.splice(ci + 1, 0, tail);
    }
  }

  /** Removes one element equal (cmp === 0) to item; returns whether one was found. */
  remove(item: T): boolean {
    const pos = this.seek((x) => this.cmp(x, item) >= 0);
    if (!pos) return false;
    const chunk = this.chunks[pos.chunk] as T[];
    if (this.cmp(chunk[pos.index] as T, item) !== 0) return false;
    chunk.splice(pos.index, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(pos.chunk, 1);
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
    let pos = from;
    while (pos) {
      yield this.at(pos);
      pos = this.step(pos, dir);
    }
  }

  private chunkFor(pred: (last: T) => boolean): number {
    let lo = 0;
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

function lowerBound<T>(arr: T[], pred: (x: T) => boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(arr[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
