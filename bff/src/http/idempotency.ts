/**
 * `Idempotency-Key` for writes a phone may retry on a weak network. Declared per route
 * (`idempotency: 'optional' | 'required'`), it runs after auth and validation:
 * - the first request with a key claims it (a unique document) and runs; its answer is kept;
 * - a retry by the same subject with the same key and the same request gets that answer again
 *   (header `Idempotent-Replayed: true`) without running the handler;
 * - a duplicate arriving while the first still runs waits for it, then gets the same answer;
 * - the same key with a different method, path or body → 409.
 * A failed request releases its key, so the client may retry. Keys live 24 hours (TTL index).
 */
import { createHash } from 'node:crypto';
import { Schema, model } from 'mongoose';
import type { Context } from 'koa';
import type { RouterMiddleware } from '@koa/router';
import type { AppState } from './context';
import { AppError, ValidationError } from './errors';
import { isDuplicateKeyError } from './error-handler';

export type IdempotencyMode = 'off' | 'optional' | 'required';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
const TTL_MS = 24 * 3600_000;
const LEASE_MS = 30_000;
const WAIT_MS = 10_000;
const POLL_MS = 25;

const idempotencyRecordSchema = new Schema(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, enum: ['pending', 'done'], required: true },
    status: { type: Number, default: null },
    /** The answer as JSON text (never parsed by the database). */
    bodyJson: { type: String, default: null },
    lockedUntil: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'idempotency_keys', versionKey: false },
);
idempotencyRecordSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const IdempotencyRecord = model('IdempotencyRecord', idempotencyRecordSchema);

/** JSON with object keys sorted, so equal bodies hash equally. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function idempotency(mode: Exclude<IdempotencyMode, 'off'>): RouterMiddleware<AppState, Context> {
  return async (ctx, next) => {
    const key = ctx.get(IDEMPOTENCY_HEADER).trim();
    if (!key) {
      if (mode === 'required') throw new ValidationError({ [IDEMPOTENCY_HEADER]: 'validation.idempotencyKey.required' });
      await next();
      return;
    }
    if (!KEY_PATTERN.test(key)) throw new ValidationError({ [IDEMPOTENCY_HEADER]: 'validation.idempotencyKey.format' });

    const scope = ctx.state.auth?.subjectId ?? `anonymous:${ctx.ip}`;
    const id = sha256(`${scope}\u0000${key}`);
    const requestHash = sha256(`${ctx.method} ${ctx.path}\n${canonicalJson(ctx.request.body ?? null)}`);

    const run = async (): Promise<void> => {
      try {
        await next();
      } catch (err: unknown) {
        await IdempotencyRecord.deleteOne({ _id: id, state: 'pending' });
        throw err;
      }
      const bodyJson = ctx.body === undefined ? null : JSON.stringify(ctx.body);
      await IdempotencyRecord.updateOne({ _id: id }, { $set: { state: 'done', status: ctx.status, bodyJson } });
    };

    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const now = Date.now();
      let claimed = false;
      try {
        await IdempotencyRecord.create({
          _id: id,
          requestHash,
          state: 'pending',
          lockedUntil: new Date(now + LEASE_MS),
          expiresAt: new Date(now + TTL_MS),
        });
        claimed = true;
      } catch (err: unknown) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      if (claimed) {
        await run();
        return;
      }
      const existing = await IdempotencyRecord.findById(id).lean();
      if (!existing) continue; // released by a failed first attempt: claim it again
      if (existing.requestHash !== requestHash) throw new AppError('CONFLICT', { messageKey: 'error.idempotencyKeyReused' });
      if (existing.state === 'done') {
        ctx.status = existing.status ?? 200;
        if (typeof existing.bodyJson === 'string') ctx.body = JSON.parse(existing.bodyJson) as unknown;
        ctx.set(REPLAYED_HEADER, 'true');
        return;
      }
      if (existing.lockedUntil.getTime() <= now) {
        // The first attempt died mid-way: take its lease over.
        const taken = await IdempotencyRecord.findOneAndUpdate(
          { _id: id, state: 'pending', lockedUntil: existing.lockedUntil },
          { $set: { lockedUntil: new Date(now + LEASE_MS) } },
        ).lean();
        if (taken) {
          await run();
          return;
        }
        continue;
      }
      if (Date.now() > deadline) throw new AppError('CONFLICT', { messageKey: 'error.idempotencyInProgress' });
      await sleep(POLL_MS);
    }
  };
}
