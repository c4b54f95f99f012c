/**
 * Delivers the PES outbox. Each pass takes due pending items, keeps only the head of each
 * record (the lowest undelivered sequence, so a record's changes arrive in order), claims
 * each head by pushing its nextAttemptAt ahead by the lease (another instance, or this one
 * after a crash, picks it up once that passes) and sends it with its idempotency key.
 * Failures back off exponentially with jitter; after maxAttempts, or when the PES refuses
 * the content, the item becomes a dead letter that admins can retry.
 */
import { Types } from 'mongoose';
import type { Logger } from '../../logging/logger';
import type { Clock } from '../../security/clock';
import { systemClock } from '../../security/clock';
import type { FieldCrypto, SensitiveField } from '../../security/field-crypto';
import { openSealedDeep } from '../../security/sealed-text';
import { isRetryable, type PesAdapter } from './pes.adapter';
import type { PesPushBody } from './pes.contract';
import { PesOutbox, type OutboxRecord } from './pes.models';

export interface OutboxDispatcherOptions {
  adapter: PesAdapter;
  /** Opens the sealed personal numbers just before sending. */
  crypto: Pick<FieldCrypto, 'decrypt'>;
  logger: Logger;
  /** Who this instance is (claims are marked with it). */
  owner: string;
  concurrency: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long a claim lasts; must exceed the PES timeout. */
  leaseMs: number;
  intervalMs: number;
  clock?: Clock;
  random?: () => number;
}

export interface DispatchPass {
  attempted: number;
  delivered: number;
  failed: number;
  dead: number;
}

/** Exponential backoff with jitter: half the step fixed, half random. */
export function backoffMs(attempts: number, base: number, max: number, random: () => number = Math.random): number {
  const step = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 500);
}

export class OutboxDispatcher {
  private readonly clock: Clock;
  private readonly random: () => number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;

  constructor(private readonly o: OutboxDispatcherOptions) {
    this.clock = o.clock ?? systemClock;
    this.random = o.random ?? Math.random;
  }

  /** The body sent for an item: its data with sealed values opened. */
  bodyOf(item: OutboxRecord): PesPushBody {
    // Personal numbers typed into free text stay sealed in the outbox until this call.
    const data = openSealedDeep(this.o.crypto, item.data) as Record<string, unknown>;
    for (const s of item.sealed) data[s.path] = this.o.crypto.decrypt(s.field as SensitiveField, s.value);
    return {
      idempotencyKey: item.idempotencyKey,
      type: item.type,
      ref: item.ref,
      sequence: item.sequence,
      occurredAt: item.occurredAt.toISOString(),
      data,
    };
  }

  /** One pass: due heads of records, delivered with bounded concurrency. */
  async runOnce(): Promise<DispatchPass> {
    const pass: DispatchPass = { attempted: 0, delivered: 0, failed: 0, dead: 0 };
    const now = this.clock();
    const due = await PesOutbox.find({ state: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(this.o.concurrency * 8)
      .lean<OutboxRecord[]>()
      .exec();
    // The lowest sequence per record among those due.
    const heads = new Map<string, OutboxRecord>();
    for (const item of due) {
      const seen = heads.get(item.ref);
      if (!seen || item.sequence < seen.sequence) heads.set(item.ref, item);
    }
    const queue = [...heads.values()];
    const work = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const outcome = await this.deliver(item);
        if (outcome === 'skipped') continue;
        pass.attempted += 1;
        pass[outcome] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, queue.length) }, work));
    return pass;
  }

  private async deliver(item: OutboxRecord): Promise<'delivered' | 'failed' | 'dead' | 'skipped'> {
    const now = this.clock();
    // An earlier change of the same record not yet delivered: wait for it (woken when it goes).
    const earlier = await PesOutbox.exists({ ref: item.ref, sequence: { $lt: item.sequence }, state: { $ne: 'delivered' } }).exec();
    if (earlier) {
      await PesOutbox.updateOne({ _id: item._id, state: 'pending' }, { $set: { nextAttemptAt: new Date(now.getTime() + this.o.leaseMs) } }).exec();
      return 'skipped';
    }
    const claimed = await PesOutbox.findOneAndUpdate(
      { _id: item._id, state: 'pending', nextAttemptAt: { $lte: now } },
      { $set: { nextAttemptAt: new Date(now.getTime() + this.o.leaseMs), claimedBy: this.o.owner } },
      { returnDocument: 'after' },
    )
      .lean<OutboxRecord>()
      .exec();
    if (!claimed) return 'skipped';
    try {
      const receipt = await this.o.adapter.push(this.bodyOf(claimed));
      const done = this.clock();
      await PesOutbox.updateOne(
        { _id: claimed._id, state: 'pending' },
        { $set: { state: 'delivered', deliveredAt: done, receiptId: receipt.receiptId, lastError: null, claimedBy: null }, $inc: { attempts: 1 } },
      ).exec();
      // Wake the record's next change.
      await PesOutbox.updateOne({ ref: claimed.ref, sequence: claimed.sequence + 1, state: 'pending' }, { $set: { nextAttemptAt: done } }).exec();
      return 'delivered';
    } catch (err: unknown) {
      const attempts = claimed.attempts + 1;
      const failedAt = this.clock();
      const lastError = errorText(err);
      if (!isRetryable(err) || attempts >= this.o.maxAttempts) {
        await PesOutbox.updateOne(
          { _id: claimed._id, state: 'pending' },
          { $set: { state: 'dead', deadAt: failedAt, attempts, lastError, claimedBy: null } },
        ).exec();
        this.o.logger.warn({ pes: { ref: claimed.ref, sequence: claimed.sequence, type: claimed.type, attempts, error: lastError } }, 'PES delivery dead-lettered');
        return 'dead';
      }
      const wait = backoffMs(attempts, this.o.backoffBaseMs, this.o.backoffMaxMs, this.random);
      await PesOutbox.updateOne(
        { _id: claimed._id, state: 'pending' },
        { $set: { nextAttemptAt: new Date(failedAt.getTime() + wait), attempts, lastError, claimedBy: null } },
      ).exec();
      return 'failed';
    }
  }

  /** Delivers in the background until stop(); passes back to back while there is work. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let busy = false;
        try {
          busy = (await this.runOnce()).attempted > 0;
        } catch (err: unknown) {
          this.o.logger.warn({ err }, 'PES outbox pass failed');
        }
        if (!busy && this.running) await this.sleep(this.o.intervalMs);
      }
    })();
  }

  /** Asks for a pass soon (new items were written). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        this.kicked = false;
        done();
      };
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}

/** Puts dead letters back in the queue (all, or the ids given); answers how many. */
export async function retryDeadLetters(ids: readonly string[] | 'all', at: Date): Promise<number> {
  const filter: Record<string, unknown> = { state: 'dead' };
  if (ids !== 'all') filter._id = { $in: ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)) };
  const refs = await PesOutbox.distinct('ref', filter).exec();
  const res = await PesOutbox.updateMany(filter, { $set: { state: 'pending', attempts: 0, nextAttemptAt: at, deadAt: null } }).exec();
  // Their records' later changes were waiting behind them: wake those too (not ones in flight).
  if (refs.length > 0) await PesOutbox.updateMany({ ref: { $in: refs }, state: 'pending', claimedBy: null }, { $set: { nextAttemptAt: at } }).exec();
  return res.modifiedCount;
}
