import type { Document } from 'bson';
import { Query } from 'mingo';
import { compareBson } from './bson-order';
import { CommandError } from './errors';
import { formatDoc } from './format';
import { pathValues } from './paths';
import { SortedList } from './storage/sorted-list';

export interface IndexEntry {
  key: unknown[];
  rid: number;
}

export interface DuplicateInfo {
  keyPattern: Document;
  keyValue: Document;
}

/** A secondary (or _id) index: a sorted list of (key tuple, record id) in index order. */
export class Index {
  readonly fields: string[];
  readonly dirs: (1 | -1)[];
  /** text and geo indexes are kept in the catalog but not maintained or used for planning. */
  readonly special: boolean;
  readonly list: SortedList<IndexEntry>;
  multikey = false;
  private readonly partial: Query | null;

  constructor(readonly spec: Document) {
    const key = spec.key as Document;
    this.fields = Object.keys(key);
    this.dirs = this.fields.map((f) => (typeof key[f] === 'number' && (key[f] as number) < 0 ? -1 : 1));
    this.special = this.fields.some((f) => typeof key[f] === 'string' && key[f] !== 'hashed');
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression as Document) : null;
    this.list = new SortedList<IndexEntry>((a, b) => this.compareEntries(a, b));
  }

  get name(): string {
    return this.spec.name as string;
  }

  get unique(): boolean {
    return this.spec.unique === true || this.name === '_id_';
  }

  get sparse(): boolean {
    return this.spec.sparse === true;
  }

  get isPartial(): boolean {
    return this.partial !== null;
  }

  compareKeys(a: unknown[], b: unknown[]): number {
    for (let i = 0; i < this.fields.length; i++) {
      const c = compareBson(a[i], b[i]);
      if (c !== 0) return c * (this.dirs[i] as number);
    }
    return 0;
  }

  private compareEntries(a: IndexEntry, b: IndexEntry): number {
    return this.compareKeys(a.key, b.key) || a.rid - b.rid;
  }

  /** The key tuples a document contributes, or none when sparse/partial rules exclude it. */
  keysFor(doc: Document): unknown[][] {
    if (this.special) return [];
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => pathValues(doc, f));
    if (this.sparse && perField.every((p) => !p.found)) return [];
    const arrays = perField.filter((p) => p.values.length > 1);
    if (arrays.length > 1) {
      throw new CommandError(171, 'CannotIndexParallelArrays', `cannot index parallel arrays [${this.fields.join('] [')}]`);
    }
    if (perField.some((p) => p.multikey)) this.multikey = true;
    let keys: unknown[][] = [[]];
    for (const p of perField) {
      const next: unknown[][] = [];
      for (const k of keys) for (const v of dedupe(p.values)) next.push([...k, v === undefined ? undefined : v]);
      keys = next;
    }
    return keys;
  }

  add(rid: number, doc: Document): void {
    for (const key of this.keysFor(doc)) this.list.insert({ key, rid });
  }

  remove(rid: number, doc: Document): void {
    for (const key of this.keysFor(doc)) this.list.remove({ key, rid });
  }

  /** A record other than `rid` holding one of the doc's keys, if this index is unique. */
  findConflict(doc: Document, rid: number, isVisible: (rid: number) => boolean = () => true): DuplicateInfo | null {
    if (!this.unique) return null;
    for (const key of this.keysFor(doc)) {
      for (const other of this.equalRange(key)) {
        if (other.rid !== rid && isVisible(other.rid)) return this.describe(key);
      }
    }
    return null;
  }

  *equalRange(key: unknown[]): Generator<IndexEntry> {
    const start = this.list.seek((e) => this.compareKeys(e.key, key) >= 0);
    for (const e of this.list.iterate(start, 1)) {
      if (this.compareKeys(e.key, key) !== 0) return;
      yield e;
    }
  }

  describe(key: unknown[]): DuplicateInfo {
    const keyValue: Document = {};
    this.fields.forEach((f, i) => {
      keyValue[f] = key[i] === undefined ? null : key[i];
    });
    return { keyPattern: { ...(this.spec.key as Document) }, keyValue };
  }

  duplicateError(ns: string, dup: DuplicateInfo): CommandError {
    return new CommandError(
      11000,
      'DuplicateKey',
      `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: ${formatDoc(dup.keyValue)}`,
      { keyPattern: dup.keyPattern, keyValue: dup.keyValue },
    );
  }
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const sorted = [...values].sort(compareBson);
  return sorted.filter((v, i) => i === 0 || compareBson(v, sorted[i - 1]) !== 0);
}

export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([f, d]) => `${f}_${String(d)}`)
    .join('_');
}
