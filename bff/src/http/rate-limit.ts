/**
 * Abuse limits shared by every instance: fixed-window counters in MongoDB (`rate_limits`, TTL).
 *
 * Routes declare their limits beside themselves (`limits: [...]` in route.ts), e.g.
 *   { name: 'sms-code', per: 'ip', max: 20, windowSeconds: 3600 }
 *   { name: 'sms-code', per: { body: 'phone' }, max: 10, windowSeconds: 3600 }
 * and `abuseLimits()` (once in the app) supplies the clock and the scale. Over the limit → 429
 * RATE_LIMITED with Retry-After. Keys are stored as hashes: no phone or username sits in clear.
 */
import { createHash } from 'node:crypto';
import { Schema, model } from 'mongoose';
import type { Context } from 'koa';
import type { RouterMiddleware } from '@koa/router';
import type { AppMiddleware, AppState } from './context';
import { AppError } from './errors';

export interface LimitRule {
  /** Counter name; rules sharing a name share a counter. */
  name: string;
  /** Whom it counts: the client address, the signed-in subject, or a field of the parsed body (phone, username). */
  per: 'ip' | 'subject' | { body: string };
  max: number;
  windowSeconds: number;
}

export interface Limiter {
  /** Multiplies every max; 0 turns limits off. */
  scale: number;
  now(): Date;
}

declare module './context' {
  interface AppState {
    /** Set by `abuseLimits()`. */
    limiter?: Limiter;
  }
}

const rateLimitSchema = new Schema(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'rate_limits', versionKey: false },
);
rateLimitSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
export const RateLimitCounter = model('RateLimitCounter', rateLimitSchema);

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED');
    this.name = 'RateLimitedError';
  }
}

/** App-level: makes the limiter available to route limits. */
export function abuseLimits(limiter: Limiter): AppMiddleware {
  return async (ctx, next) => {
    ctx.state.limiter = limiter;
    await next();
  };
}

function subjectKey(ctx: Context & { state: AppState }, per: LimitRule['per']): string | null {
  if (per === 'ip') return `ip:${ctx.ip}`;
  if (per === 'subject') return ctx.state.auth ? `sub:${ctx.state.auth.subjectId}` : null;
  const body: unknown = ctx.state.validated?.body;
  const v: unknown = body !== null && typeof body === 'object' ? Reflect.get(body, per.body) : undefined;
  return typeof v === 'string' && v !== '' ? `${per.body}:${v.toLowerCase()}` : null;
}

/** Counts one hit; answers the seconds to wait when over the limit, else null. */
export async function hit(rule: LimitRule, key: string, limiter: Limiter): Promise<number | null> {
  const max = Math.floor(rule.max * limiter.scale);
  if (max <= 0) return null;
  const now = limiter.now().getTime();
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  const id = createHash('sha256').update(`${rule.name}\u0000${key}\u0000${start}`).digest('hex');
  const doc = await RateLimitCounter.findOneAndUpdate(
    { _id: id },
    { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(start + windowMs) } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  if (!doc || doc.count <= max) return null;
  return Math.max(1, Math.ceil((start + windowMs - now) / 1000));
}

/** Route-level: counts the request against each rule (after auth and validation). */
export function rateLimit(rules: readonly LimitRule[]): RouterMiddleware<AppState, Context> {
  return async (ctx, next) => {
    const limiter = ctx.state.limiter;
    if (limiter) {
      let wait = 0;
      for (const rule of rules) {
        const key = subjectKey(ctx, rule.per);
        if (key === null) continue;
        wait = Math.max(wait, (await hit(rule, key, limiter)) ?? 0);
      }
      if (wait > 0) {
        ctx.set('Retry-After', String(wait));
        throw new RateLimitedError(wait);
      }
    }
    await next();
  };
}
