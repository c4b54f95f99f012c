/** Walking BSON bytes in place: a document's top-level elements and their sizes, read without decoding them. */

export const int32At = (bytes: Uint8Array, at: number): number =>
  (bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24);

/** Bytes a BSON value of `type` takes at `offset`; -1 for a type not known here. */
export function valueSize(bytes: Uint8Array, type: number, offset: number): number {
  switch (type) {
    case 1: // double
    case 9: // UTC datetime
    case 17: // timestamp
    case 18: // int64
      return 8;
    case 2: // string
    case 13: // JavaScript code
    case 14: // symbol
      return 4 + int32At(bytes, offset);
    case 3: // document
    case 4: // array
    case 15: // code with scope
      return int32At(bytes, offset);
    case 5: // binary: length, subtype, bytes
      return 5 + int32At(bytes, offset);
    case 6: // undefined
    case 10: // null
    case 127: // max key
    case 255: // min key
      return 0;
    case 7: // ObjectId
      return 12;
    case 8: // boolean
      return 1;
    case 11: {
      // regex: two C strings
      let q = offset;
      while (bytes[q] !== 0) q++;
      q++;
      while (bytes[q] !== 0) q++;
      return q + 1 - offset;
    }
    case 12: // DBPointer: string, then ObjectId
      return 4 + int32At(bytes, offset) + 12;
    case 16: // int32
      return 4;
    case 19: // decimal128
      return 16;
    default:
      return -1;
  }
}


/**
 * The top-level elements of the document at `start`, one per next(), with no allocation per element
 * (this runs once per record read). next() is false at the end, or at a type this walk does not know
 * (then `unknown` is set and the caller decodes the document instead).
 */
export class ElementWalk {
  type = 0;
  nameOffset = 0;
  nameLength = 0;
  offset = 0;
  length = 0;
  unknown = false;
  private p: number;
  private readonly end: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
  ) {
    this.end = start + int32At(bytes, start) - 1;
    this.p = start + 4;
  }

  next(): boolean {
    const bytes = this.bytes;
    let p = this.p;
    if (p >= this.end) return false;
    this.type = bytes[p] as number;
    this.nameOffset = p + 1;
    p = this.nameOffset;
    while (bytes[p] !== 0) p++;
    this.nameLength = p - this.nameOffset;
    this.offset = p + 1;
    this.length = valueSize(bytes, this.type, this.offset);
    if (this.length < 0) {
      this.unknown = true;
      return false;
    }
    this.p = this.offset + this.length;
    return true;
  }
}
