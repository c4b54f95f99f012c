/**
 * Password guessing is slowed, never turned into a lock an attacker can put on staff:
 * - every failure pushes back the next allowed try of its key with a growing delay (after a few free
 *   tries: 15 s, 30 s, 1 min … at most 15 min for an account, 1 h for an address); tries made while
 *   delayed are answered 429 without checking the password, so they tell nothing and cost nothing;
 * - the keys are the username (`account`), the client address (`address`), and for an address the
 *   account signed in from before, that pair (`known`) instead of the username: a stranger's failures
 *   never delay the real person at their usual computer, and theirs never delay each other;
 * - a delay ends by itself; a right password after it works, and admins can see and clear any delay.
 */
import type { FieldCrypto } from '../../security/field-crypto';
import { KnownSignInClient, SignInFailure, type SignInFailureRecord } from './sign-in-failure.model';


interface DelayRule {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
}

export const DELAY_RULES: Record<SignInFailureRecord['kind'], DelayRule> = {
  account: { free: 4, baseSeconds: 15, maxSeconds: 15 * 60 },
  known: { free: 4, baseSeconds: 15, maxSeconds: 15 * 60 },
  // Many workers and brokers share a carrier NAT address: more free tries there.
  address: { free: 10, baseSeconds: 15, maxSeconds: 60 * 60 },
};

const KNOWN_CLIENT_DAYS = 90;
const DAY_MS = 24 * 3600_000;

/** Seconds to wait after the n-th failure (0 while free). */
export function delayAfter(kind: SignInFailureRecord['kind'], failures: number): number {
  const rule = DELAY_RULES[kind];
  if (failures <= rule.free) return 0;
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** (failures - rule.free - 1));
}

/** 203.0.113.7 → 203.0.113.*; IPv6 keeps its first four groups. */
export function maskAddress(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.*`;
  return `${ip.split(':').slice(0, 4).join(':')}:*`;
}

export interface ThrottleKeys {
  username: string;
  /** The client address (ctx.ip). */
  ip: string;
}

export class SignInThrottle {
  constructor(private readonly crypto: FieldCrypto) {}

  private addressHash(ip: string): string {
    return this.crypto.blindIndex('clientAddress', ip);
  }

  private knownId(keys: ThrottleKeys): string {
    return `${keys.username}:${this.addressHash(keys.ip)}`;
  }

  /** The keys this try counts against: the address, and the username or the known pair. */
  private async keysOf(keys: ThrottleKeys): Promise<Array<{ id: string; kind: SignInFailureRecord['kind']; label: string }>> {
    const known = (await KnownSignInClient.exists({ _id: this.knownId(keys) }).exec()) !== null;
    const address = { id: `address:${this.addressHash(keys.ip)}`, kind: 'address' as const, label: maskAddress(keys.ip) };
    const account = known
      ? { id: `known:${this.knownId(keys)}`, kind: 'known' as const, label: `${keys.username} @ ${maskAddress(keys.ip)}` }
      : { id: `account:${keys.username}`, kind: 'account' as const, label: keys.username };
    return [address, account];
  }

  /** Seconds this try must still wait (0: go ahead and check the password). */
  async waitSeconds(keys: ThrottleKeys, now: Date): Promise<number> {
    const ids = (await this.keysOf(keys)).map((k) => k.id);
    const blocked = await SignInFailure.find({ _id: { $in: ids }, blockedUntil: { $gt: now } }).lean<SignInFailureRecord[]>().exec();
    const until = Math.max(0, ...blocked.map((b) => (b.blockedUntil ?? now).getTime()));
    return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
  }

  async recordFailure(keys: ThrottleKeys, now: Date): Promise<void> {
    for (const key of await this.keysOf(keys)) {
      const doc = await SignInFailure.findOneAndUpdate(
        { _id: key.id },
        { $inc: { failures: 1 }, $set: { kind: key.kind, label: key.label, lastFailureAt: now, expiresAt: new Date(now.getTime() + DAY_MS) } },
        { upsert: true, returnDocument: 'after' },
      )
        .lean<SignInFailureRecord>()
        .exec();
      const wait = doc ? delayAfter(key.kind, doc.failures) : 0;
      if (wait > 0) await SignInFailure.updateOne({ _id: key.id }, { $set: { blockedUntil: new Date(now.getTime() + wait * 1000) } }).exec();
    }
  }

  /**
   * The right password: this address becomes known for the account and its own count starts over.
   * The username's count from strangers stays (a success must not hand an attacker fresh free tries).
   */
  async recordSuccess(keys: ThrottleKeys, now: Date): Promise<void> {
    const knownId = this.knownId(keys);
    await KnownSignInClient.updateOne({ _id: knownId }, { $set: { expiresAt: new Date(now.getTime() + KNOWN_CLIENT_DAYS * DAY_MS) } }, { upsert: true }).exec();
    await SignInFailure.deleteOne({ _id: `known:${knownId}` }).exec();
  }
}

/** What admins see and clear (GET/DELETE /staff/sign-in-delays). */
export interface SignInDelayView {
  id: string;
  kind: SignInFailureRecord['kind'];
  label: string;
  failures: number;
  blockedUntil: string | null;
  lastFailureAt: string;
}

function delayView(r: SignInFailureRecord, now: Date): SignInDelayView {
  return {
    id: r._id,
    kind: r.kind,
    label: r.label,
    failures: r.failures,
    blockedUntil: r.blockedUntil && r.blockedUntil > now ? r.blockedUntil.toISOString() : null,
    lastFailureAt: r.lastFailureAt.toISOString(),
  };
}

export async function listSignInDelays(now: Date): Promise<SignInDelayView[]> {
  const rows = await SignInFailure.find({ expiresAt: { $gt: now } }).sort({ lastFailureAt: -1 }).limit(500).lean<SignInFailureRecord[]>().exec();
  return rows.map((r) => delayView(r, now));
}

/** Removes one delay record (its count starts over); null when there was none. */
export async function clearSignInDelay(id: string, now: Date): Promise<SignInDelayView | null> {
  const removed = await SignInFailure.findOneAndDelete({ _id: id }).lean<SignInFailureRecord>().exec();
  return removed ? delayView(removed, now) : null;
}
