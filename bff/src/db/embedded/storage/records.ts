import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { deserialize, serialize, type Document } from 'bson';

/**
 * On-disk framing shared by the journal and snapshots: [u32 length][u32 crc32][BSON docs...].
 * A record whose length or checksum does not hold marks the torn end of a crashed write.
 */
const HEADER = 8;
const SERIALIZE = { checkKeys: false, ignoreUndefined: true } as const;
const DESERIALIZE = { promoteLongs: true, promoteValues: true, promoteBuffers: false, bsonRegExp: false } as const;

/** Frames BSON documents, given as objects or as their serialized bytes. */
export function frame(docs: (Document | Uint8Array)[]): Buffer {
  const parts = docs.map((d) => (d instanceof Uint8Array ? d : serialize(d, SERIALIZE)));
  const bodyLength = parts.reduce((n, p) => n + p.length, 0);
  const out = Buffer.allocUnsafe(HEADER + bodyLength);
  let at = HEADER;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  out.writeUInt32LE(bodyLength, 0);
  out.writeUInt32LE(crc32(out.subarray(HEADER)) >>> 0, 4);
  return out;
}

function decodeBody(body: Buffer): Document[] | null {
  const docs: Document[] = [];
  let p = 0;
  while (p < body.length) {
    const size = body.readInt32LE(p);
    if (size < 5 || p + size > body.length) return null;
    docs.push(deserialize(body.subarray(p, p + size), DESERIALIZE));
    p += size;
  }
  return docs;
}

/** Reads complete records; `end` is where the record ends. */
export function* readRecords(buf: Buffer): Generator<{ docs: Document[]; end: number }> {
  let at = 0;
  while (at + HEADER <= buf.length) {
    const length = buf.readUInt32LE(at);
    const crc = buf.readUInt32LE(at + 4);
    const end = at + HEADER + length;
    if (end > buf.length) return;
    const body = buf.subarray(at + HEADER, end);
    if (crc32(body) >>> 0 !== crc) return;
    const docs = decodeBody(body);
    if (!docs) return;
    yield { docs, end };
    at = end;
  }
}

/** What reading a file cost: how many reads and the largest buffer held at once. */
export interface ReadStats {
  reads: number;
  maxBufferBytes: number;
  bytes: number;
}

export const DEFAULT_READ_CHUNK = 1 << 20;

/**
 * Streams a record file in chunks of `chunkBytes` (a record larger than that gets a buffer of its
 * own size), so memory follows the largest record, not the file. Stops at the first torn record;
 * `end` of the last record yielded is where the intact part of the file ends.
 */
export function* streamRecords(file: string, chunkBytes = DEFAULT_READ_CHUNK, stats?: ReadStats): Generator<{ docs: Document[]; end: number }> {
  const fd = fs.openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(Math.max(chunkBytes, HEADER));
    let filled = 0;
    let start = 0;
    let fileAt = 0;
    let consumed = 0;
    let eof = false;
    const note = (): void => {
      if (stats) stats.maxBufferBytes = Math.max(stats.maxBufferBytes, buf.length);
    };
    note();
    /** Makes at least `need` bytes available from `start`; false at end of file. */
    const ensure = (need: number): boolean => {
      while (filled - start < need) {
        if (eof) return false;
        if (start > 0) {
          buf.copy(buf, 0, start, filled);
          filled -= start;
          start = 0;
        }
        if (need > buf.length) {
          const bigger = Buffer.allocUnsafe(need);
          buf.copy(bigger, 0, 0, filled);
          buf = bigger;
          note();
        }
        const want = Math.min(buf.length - filled, Math.max(chunkBytes, need - filled));
        const n = fs.readSync(fd, buf, filled, want, fileAt);
        if (stats) {
          stats.reads++;
          stats.bytes += n;
        }
        if (n === 0) eof = true;
        fileAt += n;
        filled += n;
      }
      return true;
    };
    for (;;) {
      if (!ensure(HEADER)) return;
      const length = buf.readUInt32LE(start);
      const crc = buf.readUInt32LE(start + 4);
      if (!ensure(HEADER + length)) return;
      const body = buf.subarray(start + HEADER, start + HEADER + length);
      if (crc32(body) >>> 0 !== crc) return;
      const docs = decodeBody(body);
      if (!docs) return;
      start += HEADER + length;
      consumed += HEADER + length;
      // A record-sized buffer is given back once that record is read.
      if (buf.length > chunkBytes && filled - start <= chunkBytes) {
        const normal = Buffer.allocUnsafe(Math.max(chunkBytes, HEADER));
        buf.copy(normal, 0, start, filled);
        filled -= start;
        start = 0;
        buf = normal;
      }
      yield { docs, end: consumed };
    }
  } finally {
    fs.closeSync(fd);
  }
}
