/**
 * Keyset cursors for lists sorted by (a date, _id), newest first: the cursor is the last item's
 * position, opaque to clients (base64url JSON).
 */
import { Types } from 'mongoose';

export interface KeysetPosition {
  at: Date;
  id: Types.ObjectId;
}

export function encodeKeyset(at: Date, id: Types.ObjectId): string {
  return Buffer.from(JSON.stringify([at.getTime(), id.toHexString()])).toString('base64url');
}

/** Undefined for a malformed cursor. */
export function decodeKeyset(cursor: string): KeysetPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [ms, id]: unknown[] = value;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) return undefined;
    return { at: new Date(ms), id: new Types.ObjectId(id) };
  } catch {
    return undefined;
  }
}

/** Filter for "after this position" in (field desc, _id desc) order. */
export function afterDesc(field: string, pos: KeysetPosition): Record<string, unknown> {
  return { $or: [{ [field]: { $lt: pos.at } }, { [field]: pos.at, _id: { $lt: pos.id } }] };
}

/** Filter for "after this position" in (field asc, _id asc) order. */
export function afterAsc(field: string, pos: KeysetPosition): Record<string, unknown> {
  return { $or: [{ [field]: { $gt: pos.at } }, { [field]: pos.at, _id: { $gt: pos.id } }] };
}
