import { crc32 } from 'node:zlib';
import { deserialize, serialize, type Document } from 'bson';

/**
 * On-disk framing shared by the journal and snapshots: [u32 length][u32 crc32][BSON docs...].
 * A record whose length or checksum does not hold marks the torn end of a crashed write.
 */
const HEADER = 8;
const SERIALIZE = { checkKeys: false, ignoreUndefined: true } as const;
const DESERIALIZE = { promoteLongs: true, promoteValues: true, promoteBuffers: false, bsonRegExp: false } as const;

export function frame(docs: Document[]): Buffer {
  const parts = docs.map((d) => serialize(d, SERIALIZE));
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

/** Reads complete records; `validEnd` is where the last intact record ends. */
export function* readRecords(buf: Buffer): Generator<{ docs: Document[]; end: number }> {
  let at = 0;
  while (at + HEADER <= buf.length) {
    const length = buf.readUInt32LE(at);
    const crc = buf.readUInt32LE(at + 4);
    const end = at + HEADER + length;
    if (end > buf.length) return;
    const body = buf.subarray(at + HEADER, end);
    if (crc32(body) >>> 0 !== crc) return;
    const docs: Document[] = [];
    let p = 0;
    while (p < body.length) {
      const size = body.readInt32LE(p);
      if (size < 5 || p + size > body.length) return;
      docs.push(deserialize(body.subarray(p, p + size), DESERIALIZE));
      p += size;
    }
    yield { docs, end };
    at = end;
  }
}
