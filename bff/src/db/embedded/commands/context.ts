import type { Document } from 'bson';
import type { Engine, SessionState, Writer } from '../engine';
import { fail } from '../errors';
import type { ReadView } from '../query';
import type { Transaction } from '../transactions';
import { LockWait } from '../transactions';

export interface ServerInfo {
  host: string;
  port: number;
}

export interface CommandContext {
  engine: Engine;
  server: ServerInfo;
  connectionId: number;
  db: string;
  name: string;
  cmd: Document;
  writer: Writer;
  view: ReadView;
  txn: Transaction | null;
  session: { key: string; state: SessionState } | null;
  /** True for the legacy OP_QUERY handshake, which answers isMaster with `ismaster`. */
  legacy: boolean;
}

export type Handler = (ctx: CommandContext) => Document | Promise<Document>;

export function collectionName(ctx: CommandContext): string {
  const v = ctx.cmd[ctx.name];
  if (typeof v !== 'string' || v.length === 0) {
    fail('InvalidNamespace', `collection name has invalid type ${Array.isArray(v) ? 'array' : typeof v}`);
  }
  return v;
}

export function optionalDoc(cmd: Document, field: string): Document | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) {
    fail('TypeMismatch', `BSON field '${field}' is the wrong type '${Array.isArray(v) ? 'array' : typeof v}', expected type 'object'`);
  }
  return v as Document;
}

export function optionalNumber(cmd: Document, field: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'object' && v !== null && 'toNumber' in v ? Number((v as { toNumber(): number }).toNumber()) : NaN;
  if (Number.isNaN(n)) fail('TypeMismatch', `BSON field '${field}' is the wrong type '${typeof v}', expected types '[long, int, decimal, double]'`);
  return n;
}

/** Runs a write step, waiting for any open transaction that holds a record it needs. */
export async function withLockRetry<T>(ctx: CommandContext, step: () => T): Promise<T> {
  for (;;) {
    try {
      return step();
    } catch (err) {
      if (!(err instanceof LockWait)) throw err;
      await ctx.engine.waitForTxn(err.txnId);
    }
  }
}

export function cursorReply(ns: string, id: unknown, batch: Document[], first: boolean): Document {
  return { cursor: first ? { firstBatch: batch, id, ns } : { nextBatch: batch, id, ns }, ok: 1 };
}
