import { deserialize, serialize, type Document } from 'bson';
import { crc32 } from 'node:zlib';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const FLAG_CHECKSUM = 1;
export const FLAG_MORE_TO_COME = 2;
export const FLAG_EXHAUST_ALLOWED = 1 << 16;

export const MAX_MESSAGE_BYTES = 48_000_000;

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export type Request =
  | { kind: 'msg'; header: Header; flags: number; command: Document }
  | { kind: 'query'; header: Header; collection: string; command: Document };

export class ProtocolError extends Error {}

const DESERIALIZE = { promoteLongs: true, promoteValues: true, promoteBuffers: false, bsonRegExp: false, validation: { utf8: false } } as const;

export function readHeader(buf: Buffer): Header {
  return { length: buf.readInt32LE(0), requestId: buf.readInt32LE(4), responseTo: buf.readInt32LE(8), opCode: buf.readInt32LE(12) };
}

function bsonAt(buf: Buffer, offset: number, end: number): { doc: Document; next: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`invalid BSON document size ${size}`);
  const doc = deserialize(buf.subarray(offset, offset + size), DESERIALIZE);
  return { doc, next: offset + size };
}

function cstringAt(buf: Buffer, offset: number, end: number): { value: string; next: number } {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated cstring');
  return { value: buf.toString('utf8', offset, zero), next: zero + 1 };
}

/** Parses one complete message; document sequences are merged into the command under their identifier. */
export function parseMessage(msg: Buffer): Request {
  const header = readHeader(msg);
  if (header.opCode === OP_MSG) {
    const flags = msg.readUInt32LE(16);
    if ((flags & 0xffff) & ~(FLAG_CHECKSUM | FLAG_MORE_TO_COME)) throw new ProtocolError(`unsupported OP_MSG flag bits ${flags}`);
    let end = msg.length;
    if (flags & FLAG_CHECKSUM) {
      end -= 4;
      const expected = msg.readUInt32LE(end);
      if (crc32(msg.subarray(0, end)) >>> 0 !== expected) throw new ProtocolError('OP_MSG checksum mismatch');
    }
    let offset = 20;
    let command: Document | null = null;
    const sequences: [string, Document[]][] = [];
    while (offset < end) {
      const kind = msg.readUInt8(offset);
      offset += 1;
      if (kind === 0) {
        if (command) throw new ProtocolError('OP_MSG has more than one body section');
        const r = bsonAt(msg, offset, end);
        command = r.doc;
        offset = r.next;
      } else if (kind === 1) {
        if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
        const size = msg.readInt32LE(offset);
        const seqEnd = offset + size;
        if (size < 5 || seqEnd > end) throw new ProtocolError('invalid document sequence size');
        const id = cstringAt(msg, offset + 4, seqEnd);
        let p = id.next;
        const docs: Document[] = [];
        while (p < seqEnd) {
          const r = bsonAt(msg, p, seqEnd);
          docs.push(r.doc);
          p = r.next;
        }
        sequences.push([id.value, docs]);
        offset = seqEnd;
      } else {
        throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!command) throw new ProtocolError('OP_MSG has no body section');
    for (const [id, docs] of sequences) {
      if (id in command) throw new ProtocolError(`duplicate field ${id} in OP_MSG`);
      command[id] = docs;
    }
    return { kind: 'msg', header, flags, command };
  }
  if (header.opCode === OP_QUERY) {
    let offset = 20;
    const coll = cstringAt(msg, offset, msg.length);
    offset = coll.next + 8;
    const { doc } = bsonAt(msg, offset, msg.length);
    // Legacy handshakes may wrap the command as { $query: {...} }.
    const command = doc.$query && typeof doc.$query === 'object' ? (doc.$query as Document) : doc;
    return { kind: 'query', header, collection: coll.value, command };
  }
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

const SERIALIZE = { checkKeys: false, ignoreUndefined: true } as const;

export function encodeMsg(responseTo: number, requestId: number, reply: Document, flags = 0): Buffer {
  const body = serialize(reply, SERIALIZE);
  const out = Buffer.allocUnsafe(21 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_MSG, 12);
  out.writeUInt32LE(flags, 16);
  out.writeUInt8(0, 20);
  out.set(body, 21);
  return out;
}

export function encodeReply(responseTo: number, requestId: number, reply: Document): Buffer {
  const body = serialize(reply, SERIALIZE);
  const out = Buffer.allocUnsafe(36 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_REPLY, 12);
  out.writeInt32LE(8, 16); // AwaitCapable
  out.writeBigInt64LE(0n, 20);
  out.writeInt32LE(0, 28);
  out.writeInt32LE(1, 32);
  out.set(body, 36);
  return out;
}
