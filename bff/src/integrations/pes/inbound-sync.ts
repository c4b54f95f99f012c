/**
 * Inbound sync: pulls jobs, courses and employment records changed since the stored cursor, page by page, and
 * applies each record. One instance at a time per kind (lease `pes-sync:<kind>`); the cursor
 * moves only after a page is applied, and only while the lease is still held, so a crash
 * repeats at most one page (applying is idempotent by upstream id and version).
 */
import type { Logger } from '../../logging/logger';
import { systemClock, type Clock } from '../../security/clock';
import { acquireLease, releaseLease, renewLease } from './lease';
import type { PesAdapter } from './pes.adapter';
import type { PesRecordKind } from './pes.contract';
import { PesSyncState } from './pes.models';
import { applyUpstreamRecord, type ApplyOutcome, type UpstreamContext } from './upstream-records';

export const PES_KINDS: readonly PesRecordKind[] = ['job', 'course', 'employment'];

export interface InboundSyncOptions {
  adapter: PesAdapter;
  logger: Logger;
  owner: string;
  leaseMs: number;
  intervalMs: number;
  pageSize?: number;
  /** Pages per run at most (the next run goes on from the cursor). */
  maxPages?: number;
  clock?: Clock;
  /** Employment records are matched to people (without it the sync pulls jobs and courses only). */
  context?: UpstreamContext;
}

export type SyncCounts = Record<ApplyOutcome, number>;

export interface SyncRun {
  kind: PesRecordKind;
  /** False when another instance holds the lease (nothing done). */
  ran: boolean;
  pages: number;
  counts: SyncCounts;
  error: string | null;
}

const emptyCounts = (): SyncCounts => ({ created: 0, updated: 0, removed: 0, stale: 0, rejected: 0 });

export const leaseNameOf = (kind: PesRecordKind) => `pes-sync:${kind}`;

export class InboundSync {
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> | undefined;
  private stopped = false;

  constructor(private readonly o: InboundSyncOptions) {
    this.clock = o.clock ?? systemClock;
  }

  /** The kinds this instance pulls. */
  kinds(): readonly PesRecordKind[] {
    return this.o.context?.employment ? PES_KINDS : PES_KINDS.filter((k) => k !== 'employment');
  }

  /** One run for a kind: as many pages as there are (up to maxPages). */
  async runOnce(kind: PesRecordKind): Promise<SyncRun> {
    const run: SyncRun = { kind, ran: false, pages: 0, counts: emptyCounts(), error: null };
    const lease = leaseNameOf(kind);
    const { owner, leaseMs } = this.o;
    if (!(await acquireLease(lease, owner, leaseMs, this.clock()))) return run;
    run.ran = true;
    try {
      const state = await PesSyncState.findOneAndUpdate(
        { _id: kind },
        { $set: { lastStartedAt: this.clock(), lastOwner: owner } },
        { upsert: true, returnDocument: 'after', lean: true },
      ).exec();
      let cursor = state?.cursor ?? null;
      const maxPages = this.o.maxPages ?? 50;
      for (;;) {
        const page = await this.o.adapter.pullChanges(kind, cursor, this.o.pageSize ?? 100);
        const counts = emptyCounts();
        for (const raw of page.items) counts[await applyUpstreamRecord(kind, raw, 'pull', this.clock(), this.o.context)] += 1;
        if (!(await renewLease(lease, owner, leaseMs, this.clock()))) throw new Error('the sync lease was lost; another instance goes on');
        const inc = Object.fromEntries(Object.entries(counts).map(([k, v]) => [`totals.${k}`, v]));
        await PesSyncState.updateOne({ _id: kind }, { $set: { cursor: page.nextCursor }, $inc: inc }).exec();
        for (const k of Object.keys(counts) as Array<keyof SyncCounts>) run.counts[k] += counts[k];
        cursor = page.nextCursor;
        run.pages += 1;
        if (!page.hasMore || run.pages >= maxPages || this.stopped) break;
      }
      const done = this.clock();
      await PesSyncState.updateOne({ _id: kind }, { $set: { lastFinishedAt: done, lastSuccessAt: done, lastError: null } }).exec();
      if (run.counts.rejected > 0) this.o.logger.warn({ pes: { kind, rejected: run.counts.rejected } }, 'PES records set aside as malformed');
    } catch (err: unknown) {
      run.error = err instanceof Error ? err.message : String(err);
      await PesSyncState.updateOne({ _id: kind }, { $set: { lastFinishedAt: this.clock(), lastError: run.error.slice(0, 500) } })
        .exec()
        .catch(() => undefined);
      this.o.logger.warn({ pes: { kind, error: run.error } }, 'PES sync run failed; the next run goes on from the cursor');
    } finally {
      await releaseLease(lease, owner, this.clock()).catch(() => undefined);
    }
    return run;
  }

  /** Runs every kind now and then every intervalMs (with ±10% jitter so instances spread out). */
  start(): void {
    const tick = async () => {
      for (const kind of this.kinds()) {
        if (this.stopped) return;
        const work = this.runOnce(kind);
        this.current = work;
        await work.catch((err: unknown) => this.o.logger.warn({ err }, 'PES sync failed'));
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.o.intervalMs * (0.9 + Math.random() * 0.2));
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current?.catch(() => undefined);
  }
}
