import { Binary, Decimal128, Long, ObjectId, Timestamp, MinKey, MaxKey, Int32, Double, BSONRegExp, BSONSymbol, Code, DBRef } from 'bson';

/**
 * MongoDB's canonical ordering of BSON values across types, used for sorting and index keys.
 * Order: MinKey < null/missing < numbers < strings < objects < arrays < binary < ObjectId < bool < Date < Timestamp < regex < MaxKey.
 */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 5;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 10;
    case 'string':
      return 15;
    case 'boolean':
      return 40;
    case 'object':
      break;
    default:
      return 100;
  }
  if (Array.isArray(v)) return 25;
  if (v instanceof Date) return 45;
  if (v instanceof RegExp || v instanceof BSONRegExp) return 50;
  if (v instanceof ObjectId) return 35;
  if (v instanceof Long || v instanceof Int32 || v instanceof Double || v instanceof Decimal128) return 10;
  if (v instanceof Binary || ArrayBuffer.isView(v)) return 30;
  if (v instanceof Timestamp) return 47;
  if (v instanceof MinKey) return 1;
  if (v instanceof MaxKey) return 127;
  if (v instanceof BSONSymbol) return 15;
  if (v instanceof Code) return 60;
  if (v instanceof DBRef) return 20;
  return 20;
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Int32 || v instanceof Double) return v.value;
  if (v instanceof Decimal128) return Number(v.toString());
  return NaN;
}

function cmpNum(a: number, b: number): number {
  // NaN sorts before all numbers in MongoDB.
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bytesOf(v: unknown): Uint8Array {
  if (v instanceof Binary) return v.buffer.subarray(0, v.position);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return new Uint8Array(0);
}

function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return cmpNum(a.length, b.length);
}

export function compareBson(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 5:
    case 1:
    case 127:
      return 0;
    case 10:
      if (typeof a === 'number' && typeof b === 'number') return cmpNum(a, b);
      return cmpNumeric(a, b);
    case 15:
      return cmpStr(String(a instanceof BSONSymbol ? a.value : a), String(b instanceof BSONSymbol ? b.value : b));
    case 40:
      return a === b ? 0 : a ? 1 : -1;
    case 45:
      return cmpNum((a as Date).getTime(), (b as Date).getTime());
    case 35:
      return cmpObjectId(a as ObjectId, b as ObjectId);
    case 30: {
      const ba = bytesOf(a);
      const bb = bytesOf(b);
      if (ba.length !== bb.length) return ba.length < bb.length ? -1 : 1;
      const sa = a instanceof Binary ? a.sub_type : 0;
      const sb = b instanceof Binary ? b.sub_type : 0;
      if (sa !== sb) return sa < sb ? -1 : 1;
      return cmpBytes(ba, bb);
    }
    case 47: {
      const ta = a as Timestamp;
      const tb = b as Timestamp;
      return ta.t !== tb.t ? cmpNum(ta.t, tb.t) : cmpNum(ta.i, tb.i);
    }
    case 50: {
      const [sa, fa] = regexParts(a);
      const [sb, fb] = regexParts(b);
      return cmpStr(sa, sb) || cmpStr(fa, fb);
    }
    case 25:
      return compareArrays(a as unknown[], b as unknown[]);
    case 20:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    default:
      return cmpStr(String(a), String(b));
  }
}

interface ObjectIdWords {
  i0?: number;
  i1?: number;
  i2?: number;
  i3?: number;
}

/** bson 7 keeps an ObjectId as four 24-bit words; comparing them avoids allocating the 12-byte buffer. */
function cmpObjectId(a: ObjectId, b: ObjectId): number {
  const x = a as unknown as ObjectIdWords;
  const y = b as unknown as ObjectIdWords;
  if (typeof x.i0 !== 'number' || typeof y.i0 !== 'number') return cmpBytes(a.id, b.id);
  return cmpNum(x.i0, y.i0) || cmpNum(x.i1 as number, y.i1 as number) || cmpNum(x.i2 as number, y.i2 as number) || cmpNum(x.i3 as number, y.i3 as number);
}

function cmpNumeric(a: unknown, b: unknown): number {
  if (a instanceof Long && b instanceof Long) return a.compare(b);
  if (a instanceof Decimal128 || b instanceof Decimal128) return cmpNum(toNumber(a), toNumber(b));
  if ((a instanceof Long || typeof a === 'bigint') && (b instanceof Long || typeof b === 'bigint')) {
    const x = typeof a === 'bigint' ? a : BigInt(a.toString());
    const y = typeof b === 'bigint' ? b : BigInt(b.toString());
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return cmpNum(toNumber(a), toNumber(b));
}

function regexParts(v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags];
  if (v instanceof BSONRegExp) return [v.pattern, v.options];
  return ['', ''];
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareBson(a[i], b[i]);
    if (c !== 0) return c;
  }
  return cmpNum(a.length, b.length);
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const fa = ka[i] as string;
    const fb = kb[i] as string;
    const va = a[fa];
    const vb = b[fb];
    const tr = typeRank(va) - typeRank(vb);
    if (tr !== 0) return tr < 0 ? -1 : 1;
    const fc = cmpStr(fa, fb);
    if (fc !== 0) return fc;
    const vc = compareBson(va, vb);
    if (vc !== 0) return vc;
  }
  return cmpNum(ka.length, kb.length);
}

/** Equality in the sense of index keys (1 and 1.0 and Long(1) are equal). */
export function bsonEquals(a: unknown, b: unknown): boolean {
  return compareBson(a, b) === 0;
}
