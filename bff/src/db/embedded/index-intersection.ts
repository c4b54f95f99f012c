import { compareKeyPart, type Index, type IndexEntry } from './indexes';
import { cmpToBound, type BoundValue } from './index-bounds';

/**
 * An index range whose entries come out in the query's sort order: equality-bound fields first, then
 * the sort's fields from `suffixAt` on (the last one unique, `_id`), so one record has one key tuple
 * in every such range and the ranges can be intersected by that tuple alone.
 */
export interface SortedScan {
  index: Index;
  /** Equality-bound key parts before the sort's fields. */
  prefix: unknown[];
  lower: BoundValue[];
  loIncl: boolean;
  upper: BoundValue[];
  hiIncl: boolean;
  /** 1: the index order is the sort order; -1: its reverse. */
  walk: 1 | -1;
}

/** Counts what an intersection read (each seek is a descent of the index; steps are not counted). */
export interface IntersectionStats {
  keys: number;
  seeks: number;
}

/** Index-order comparison of an entry with a bound of any length. */
function cmpEntry(index: Index, e: IndexEntry, bound: readonly BoundValue[]): number {
  for (let i = 0; i < bound.length; i++) {
    const c = cmpToBound(e[i], bound[i]);
    if (c !== 0) return c * (index.dirs[i] as number);
  }
  return 0;
}

/** Steps taken one by one before a stream seeks instead. */
const STEPS_BEFORE_SEEK = 3;

/**
 * A walk of one range, keeping its own position (chunk, index) in the index's list, so a step
 * allocates nothing and the range's end is a position, not a key comparison. The list does not
 * change while a find runs (the engine runs one command at a time).
 */
class Stream {
  private ci = 0;
  private ii = 0;
  private endCi = -1;
  private endIi = -1;
  cur: IndexEntry | undefined;
  /** The current entry's first sort part as a time (Index.dateColumn), NaN when not a Date. */
  num = NaN;
  readonly at: number;
  private readonly col: number;
  private target: IndexEntry = [];
  private targetAt = 0;
  private targetNum = NaN;

  constructor(
    readonly scan: SortedScan,
    private readonly sortDirs: readonly (1 | -1)[],
  ) {
    this.at = scan.prefix.length;
    this.col = scan.index.dateColumn(this.at);
  }

  /** Whether the position is past the range's end (in walk order). */
  private past(ci: number, ii: number): boolean {
    return this.scan.walk === 1 ? ci > this.endCi || (ci === this.endCi && ii > this.endIi) : ci < this.endCi || (ci === this.endCi && ii < this.endIi);
  }

  private settle(ci: number, ii: number): void {
    if (this.past(ci, ii)) {
      this.cur = undefined;
      return;
    }
    this.ci = ci;
    this.ii = ii;
    const list = this.scan.index.list;
    this.cur = list.chunkAt(ci)[ii];
    this.num = list.columnChunk(this.col, ci)[ii] as number;
  }

  /** Entries in the range (set by start()). */
  size = 0;

  start(): void {
    const { index, walk, upper, hiIncl, lower, loIncl } = this.scan;
    const list = index.list;
    const first = list.seek((e) => (loIncl ? cmpEntry(index, e, lower) >= 0 : cmpEntry(index, e, lower) > 0));
    const last = list.seekLast((e) => (hiIncl ? cmpEntry(index, e, upper) <= 0 : cmpEntry(index, e, upper) < 0));
    if (!first || !last || first.chunk > last.chunk || (first.chunk === last.chunk && first.index > last.index)) {
      this.cur = undefined;
      return;
    }
    this.size = last.index - first.index + 1;
    for (let c = first.chunk; c < last.chunk; c++) this.size += list.chunkAt(c).length;
    const [from, to] = walk === 1 ? [first, last] : [last, first];
    this.endCi = to.chunk;
    this.endIi = to.index;
    this.settle(from.chunk, from.index);
  }

  next(): void {
    const list = this.scan.index.list;
    let ci = this.ci;
    let ii = this.ii + this.scan.walk;
    if (ii < 0) {
      ci -= 1;
      ii = ci >= 0 ? list.chunkAt(ci).length - 1 : 0;
    } else if (ii >= list.chunkAt(ci).length) {
      ci += 1;
      ii = 0;
    }
    this.settle(ci, ii);
  }

  /** Whether the edge of chunk `ci` met last in walk order stands at or past the target's sort key. */
  private edgeReached(ci: number): boolean {
    return this.reached(ci, this.scan.walk === 1 ? this.scan.index.list.chunkAt(ci).length - 1 : 0);
  }

  /** Whether entry `ii` of chunk `ci` stands at or past the target's sort key. */
  private reached(ci: number, ii: number): boolean {
    const list = this.scan.index.list;
    const n = list.columnChunk(this.col, ci)[ii] as number;
    const tn = this.targetNum;
    // Different times decide (NaN: not a Date, compared in full below).
    if (n !== tn && n === n && tn === tn) return (n < tn ? -1 : 1) * (this.sortDirs[0] as number) > 0;
    const e = list.chunkAt(ci)[ii] as IndexEntry;
    const t = this.target;
    for (let i = 0; i < this.sortDirs.length; i++) {
      const c = compareKeyPart(e[this.at + i], t[this.targetAt + i]);
      if (c !== 0) return c * (this.sortDirs[i] as number) > 0;
    }
    return true;
  }

  /**
   * Moves to the first entry at or past `target`'s sort key (the sort fields start at `from` in it):
   * galloping from here over chunks, then within one, so a near target costs a few comparisons.
   * Inside the range the entries are in sort order, so only the sort fields are compared.
   */
  seek(target: IndexEntry, from: number, targetNum: number): void {
    this.target = target;
    this.targetAt = from;
    this.targetNum = targetNum;
    const list = this.scan.index.list;
    const fwd = this.scan.walk === 1;
    let ci = this.ci;
    let ii = this.ii;
    // Entries past the range's end (in its last chunk) belong to other keys: their sort fields say
    // nothing, so the last chunk's edge is never probed and the search there stops at the range's end.
    if (ci !== this.endCi && !this.edgeReached(ci)) {
      // Gallop over the chunks before the range's last one, then bisect.
      let lo = ci;
      let hi = this.endCi;
      for (let step = 1; ; step *= 2) {
        const probe = fwd ? ci + step : ci - step;
        if (fwd ? probe >= this.endCi : probe <= this.endCi) break;
        if (this.edgeReached(probe)) {
          hi = probe;
          break;
        }
        lo = probe;
      }
      // edge(lo) not reached; the answer is in (lo, hi] walking forward, [hi, lo) backward.
      while (fwd ? hi - lo > 1 : lo - hi > 1) {
        const mid = (lo + hi) >> 1;
        if (this.edgeReached(mid)) hi = mid;
        else lo = mid;
      }
      // Another chunk: start at its beginning (in walk order); the same one (the range's last): stay.
      if (hi !== ci) {
        ci = hi;
        ii = fwd ? 0 : list.chunkAt(ci).length - 1;
      }
    }
    const chunk = list.chunkAt(ci);
    // Gallop within the chunk from ii, then bisect.
    const limit = ci === this.endCi ? this.endIi + this.scan.walk : fwd ? chunk.length : -1;
    let lo = ii;
    let hi = limit;
    if (this.reached(ci, ii)) hi = ii;
    else {
      for (let step = 1; ; step *= 2) {
        const probe = fwd ? ii + step : ii - step;
        if (fwd ? probe >= limit : probe <= limit) break;
        if (this.reached(ci, probe)) {
          hi = probe;
          break;
        }
        lo = probe;
      }
      while (fwd ? hi - lo > 1 : lo - hi > 1) {
        const mid = (lo + hi) >> 1;
        if (this.reached(ci, mid)) hi = mid;
        else lo = mid;
      }
    }
    // Not in this chunk (only possible in the range's last chunk): the range is done.
    if (hi === limit) this.cur = undefined;
    else this.settle(ci, hi);
  }
}

/**
 * Record ids in every scan, in sort order: a leapfrog join driven by the smallest range. Its entry
 * is the candidate; each other stream steps or seeks to it; one that passes it moves the candidate
 * on (the smallest range seeks there), so the larger ranges only ever move to candidates and the
 * work follows the smallest range. `sortDirs` are the sort's directions per sort field.
 */
export function* intersectScans(scans: readonly SortedScan[], sortDirs: readonly (1 | -1)[], stats: IntersectionStats): Generator<number> {
  const width = sortDirs.length;
  const streams = scans.map((s) => new Stream(s, sortDirs));
  // >0 when a is further along the sort than b.
  const dir0 = sortDirs[0] as number;
  const cmp = (a: Stream, b: Stream): number => {
    const p = a.num;
    const q = b.num;
    if (p !== q && p === p && q === q) return (p < q ? -1 : 1) * dir0;
    const x = a.cur as IndexEntry;
    const y = b.cur as IndexEntry;
    for (let i = 0; i < width; i++) {
      const c = compareKeyPart(x[a.at + i], y[b.at + i]);
      if (c !== 0) return c * (sortDirs[i] as number);
    }
    return 0;
  };
  for (const s of streams) {
    s.start();
    stats.seeks++;
    stats.keys++;
    if (!s.cur) return;
  }
  streams.sort((a, b) => a.size - b.size);
  const driver = streams[0] as Stream;
  /** Moves `s` to the first entry at or past `to`'s: how it then compares with `to` (0 or more), or -1 when its range ends first. */
  const reach = (s: Stream, to: Stream): number => {
    let c = cmp(s, to);
    for (let steps = 0; c < 0; steps++) {
      if (steps < STEPS_BEFORE_SEEK) s.next();
      else {
        s.seek(to.cur as IndexEntry, to.at, to.num);
        stats.seeks++;
      }
      stats.keys++;
      if (!s.cur) return -1;
      c = cmp(s, to);
    }
    return c;
  };
  for (;;) {
    let i = 1;
    while (i < streams.length) {
      const c = reach(streams[i] as Stream, driver);
      if (c < 0) return;
      if (c > 0) {
        if (reach(driver, streams[i] as Stream) < 0) return;
        i = 1;
        continue;
      }
      i++;
    }
    yield driver.scan.index.ridOf(driver.cur as IndexEntry);
    driver.next();
    stats.keys++;
    if (!driver.cur) return;
  }
}
