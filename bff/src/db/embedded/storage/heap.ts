import { deserialize, serialize, type Document } from 'bson';
import { ElementWalk, int32At } from './bson-elements';
import { CommandError } from '../errors';

/**
 * Documents as BSON bytes packed into large pages, addressed by record id through typed-array slot
 * tables: no JS object per record, so a million records cost their BSON size plus 16 bytes each.
 * Bytes handed out are views of a page and never change: a record that moves or is overwritten is
 * written elsewhere, and a page is dropped (not reused) once its live records have been moved out.
 */
const PAGE = 1 << 20;
/** Record ids per slot table; a table is freed when all its records are gone. */
const SLOTS = 4096;
const SLOT_SHIFT = 12;

export const STORE_SERIALIZE = { checkKeys: false, ignoreUndefined: true } as const;
export const STORE_DESERIALIZE = { promoteLongs: true, promoteValues: true, promoteBuffers: false, bsonRegExp: false, validation: { utf8: false } } as const;

/** mongod's largest stored document (BSONObjMaxUserSize). */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;

/** mongod's refusal of a document over 16 MiB: BadValue on insert, 17419 for the result of an update. */
export function tooLarge(size: number, update: boolean): CommandError {
  return update
    ? new CommandError(17419, 'Location17419', `Resulting document after update is larger than ${MAX_DOC_BYTES}`)
    : new CommandError(2, 'BadValue', `object to insert too large. size in bytes: ${size}, max size: ${MAX_DOC_BYTES}`);
}

export function encodeDoc(doc: Document, update = false): Uint8Array {
  const bytes = serialize(doc, STORE_SERIALIZE);
  if (bytes.length > MAX_DOC_BYTES) throw tooLarge(bytes.length, update);
  return bytes;
}

export function decodeDoc(bytes: Uint8Array): Document {
  return deserialize(bytes, STORE_DESERIALIZE);
}

/** Top-level field names wanted from a document, as UTF-8 bytes for comparing with element names. */
export class FieldSet {
  readonly names: Buffer[];
  /** The names by their byte length, so an element is compared only with names as long as its own. */
  readonly byLength: (Buffer[] | undefined)[] = [];
  constructor(readonly fields: ReadonlySet<string>) {
    this.names = [...fields].map((f) => Buffer.from(f, 'utf8'));
    for (const name of this.names) (this.byLength[name.length] ??= []).push(name);
  }
}

/**
 * Decodes only the named top-level fields: their elements are copied as they are into a smaller
 * document, which is then decoded, so unneeded subdocuments cost neither time nor garbage.
 */
export function decodeFields(bytes: Uint8Array, want: FieldSet, start = 0): Document {
  const byLength = want.byLength;
  const picked: number[] = [];
  let total = 5;
  const el = new ElementWalk(bytes, start);
  while (el.next()) {
    const { nameOffset, nameLength } = el;
    const names = byLength[nameLength];
    if (names === undefined) continue;
    for (const name of names) {
      let same = true;
      for (let i = 0; i < nameLength; i++) {
        if (bytes[nameOffset + i] !== name[i]) {
          same = false;
          break;
        }
      }
      if (same) {
        picked.push(nameOffset - 1, el.offset + el.length);
        total += el.offset + el.length - nameOffset + 1;
        break;
      }
    }
  }
  // A type this walk does not know: the whole document, decoded as it is.
  if (el.unknown) return pickDecoded(deserialize(bytes.subarray(start, start + int32At(bytes, start)), STORE_DESERIALIZE), want);
  const out = Buffer.allocUnsafe(total);
  out.writeInt32LE(total, 0);
  let at = 4;
  for (let i = 0; i < picked.length; i += 2) {
    out.set(bytes.subarray(picked[i] as number, picked[i + 1] as number), at);
    at += (picked[i + 1] as number) - (picked[i] as number);
  }
  out[at] = 0;
  return deserialize(out, STORE_DESERIALIZE);
}

function pickDecoded(doc: Document, want: FieldSet): Document {
  const out: Document = {};
  for (const k of Object.keys(doc)) if (want.fields.has(k)) out[k] = doc[k];
  return out;
}

interface SlotTable {
  /** Page number + 1 (0 = no record). */
  page: Int32Array;
  off: Int32Array;
  ver: Float64Array;
  live: number;
}

export class RecordHeap {
  private pages: (Buffer | null)[] = [];
  /** Live bytes per page. */
  private live: number[] = [];
  private used: number[] = [];
  private fill = -1;
  private readonly tables = new Map<number, SlotTable>();
  private count = 0;
  private bytesLive = 0;
  private hiRid = 0;

  get size(): number {
    return this.count;
  }

  /** Total BSON bytes of the live records. */
  get dataSize(): number {
    return this.bytesLive;
  }

  private table(rid: number, create: boolean): SlotTable | undefined {
    const t = rid >>> SLOT_SHIFT;
    let table = this.tables.get(t);
    if (!table && create) {
      table = { page: new Int32Array(SLOTS), off: new Int32Array(SLOTS), ver: new Float64Array(SLOTS), live: 0 };
      this.tables.set(t, table);
    }
    return table;
  }

  has(rid: number): boolean {
    const t = this.table(rid, false);
    return t !== undefined && t.page[rid & (SLOTS - 1)] !== 0;
  }

  ver(rid: number): number | undefined {
    const t = this.table(rid, false);
    const i = rid & (SLOTS - 1);
    return t && t.page[i] !== 0 ? t.ver[i] : undefined;
  }

  /** Offset of the record in the page the last locate() returned. */
  located = 0;

  /** The page holding the record (its offset is left in `located`), without allocating a view. */
  locate(rid: number): Buffer | undefined {
    const t = this.table(rid, false);
    if (!t) return undefined;
    const i = rid & (SLOTS - 1);
    const p = (t.page[i] as number) - 1;
    if (p < 0) return undefined;
    this.located = t.off[i] as number;
    return this.pages[p] as Buffer;
  }

  /** The record's BSON bytes (an immutable view), or undefined. */
  bytes(rid: number): Buffer | undefined {
    const t = this.table(rid, false);
    if (!t) return undefined;
    const i = rid & (SLOTS - 1);
    const p = (t.page[i] as number) - 1;
    if (p < 0) return undefined;
    const page = this.pages[p] as Buffer;
    const off = t.off[i] as number;
    return page.subarray(off, off + page.readInt32LE(off));
  }

  /** Decodes the record, optionally only some top-level fields. */
  doc(rid: number, fields?: FieldSet): Document | undefined {
    const t = this.table(rid, false);
    if (!t) return undefined;
    const i = rid & (SLOTS - 1);
    const p = (t.page[i] as number) - 1;
    if (p < 0) return undefined;
    const page = this.pages[p] as Buffer;
    const off = t.off[i] as number;
    if (fields) return decodeFields(page, fields, off);
    // A view of just the record decodes faster than an offset into the whole page.
    return decodeDoc(page.subarray(off, off + page.readInt32LE(off)));
  }

  /** Stores bytes as the record's new version. */
  set(rid: number, bytes: Uint8Array, ver: number): void {
    this.free(rid);
    const t = this.table(rid, true) as SlotTable;
    const i = rid & (SLOTS - 1);
    const [p, off] = this.append(rid, bytes);
    t.page[i] = p + 1;
    t.off[i] = off;
    t.ver[i] = ver;
    t.live++;
    this.count++;
    this.bytesLive += bytes.length;
    if (rid >= this.hiRid) this.hiRid = rid + 1;
  }

  delete(rid: number): boolean {
    return this.free(rid);
  }

  /** Record ids in ascending order. */
  *rids(): Generator<number> {
    const keys = [...this.tables.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      const t = this.tables.get(k);
      if (!t) continue;
      const base = k << SLOT_SHIFT;
      for (let i = 0; i < SLOTS; i++) if (t.page[i] !== 0) yield base + i;
    }
  }

  /**
   * The records as they are now, for writing a snapshot while writes go on: a copy of the slot
   * tables (typed-array copies) and of the page list. Pages are never written over and a dropped page
   * stays alive while this holds it, so the frozen records stay exactly as they were.
   */
  freeze(): FrozenHeap {
    const keys = [...this.tables.keys()].sort((a, b) => a - b);
    const tables = keys.map((k) => {
      const t = this.tables.get(k) as SlotTable;
      return { base: k << SLOT_SHIFT, page: t.page.slice(), off: t.off.slice() };
    });
    return new FrozenHeap(tables, this.pages.slice(), this.count);
  }

  /** Marks the record's current bytes dead (slot cleared); returns whether it existed. */
  private free(rid: number): boolean {
    const t = this.table(rid, false);
    if (!t) return false;
    const i = rid & (SLOTS - 1);
    const p = (t.page[i] as number) - 1;
    if (p < 0) return false;
    const page = this.pages[p] as Buffer;
    const size = page.readInt32LE(t.off[i] as number);
    t.page[i] = 0;
    if (--t.live === 0) this.tables.delete(rid >>> SLOT_SHIFT);
    this.count--;
    this.bytesLive -= size;
    this.live[p] = (this.live[p] as number) - size - 4;
    this.maybeCompact(p);
    return true;
  }

  /** Appends [rid][bytes] to the fill page (or a page of its own when large). */
  private append(rid: number, bytes: Uint8Array): [number, number] {
    const need = bytes.length + 4;
    let p = this.fill;
    if (need > PAGE >> 2) p = this.newPage(need);
    else if (p < 0 || (this.used[p] as number) + need > (this.pages[p] as Buffer).length) p = this.fill = this.newPage(PAGE);
    const page = this.pages[p] as Buffer;
    const at = this.used[p] as number;
    page.writeUInt32LE(rid, at);
    page.set(bytes, at + 4);
    this.used[p] = at + need;
    this.live[p] = (this.live[p] as number) + need;
    return [p, at + 4];
  }

  private newPage(size: number): number {
    let p = this.pages.indexOf(null);
    if (p < 0) p = this.pages.length;
    this.pages[p] = Buffer.allocUnsafeSlow(size);
    this.live[p] = 0;
    this.used[p] = 0;
    return p;
  }

  /** Moves the live records out of a mostly dead page and drops it. */
  private maybeCompact(p: number): void {
    if (p === this.fill) return;
    const live = this.live[p] as number;
    const used = this.used[p] as number;
    if (live > 0 && live * 4 > used) return;
    const page = this.pages[p] as Buffer;
    if (live > 0) {
      let at = 0;
      while (at < used) {
        const rid = page.readUInt32LE(at);
        const size = page.readInt32LE(at + 4);
        const t = this.table(rid, false);
        const i = rid & (SLOTS - 1);
        if (t && t.page[i] === p + 1 && t.off[i] === at + 4) {
          const [np, off] = this.append(rid, page.subarray(at + 4, at + 4 + size));
          t.page[i] = np + 1;
          t.off[i] = off;
        }
        at += size + 4;
      }
    }
    this.pages[p] = null;
    this.live[p] = 0;
    this.used[p] = 0;
  }
}

/** The records of a heap at one moment (see RecordHeap.freeze). */
export class FrozenHeap {
  constructor(
    private readonly tables: { base: number; page: Int32Array; off: Int32Array }[],
    private readonly pages: (Buffer | null)[],
    readonly size: number,
  ) {}

  /** Each record's BSON bytes, in record id order. */
  *records(): Generator<Buffer> {
    for (const t of this.tables) {
      for (let i = 0; i < SLOTS; i++) {
        const p = (t.page[i] as number) - 1;
        if (p < 0) continue;
        const page = this.pages[p] as Buffer;
        const off = t.off[i] as number;
        yield page.subarray(off, off + page.readInt32LE(off));
      }
    }
  }
}
