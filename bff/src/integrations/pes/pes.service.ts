/** What admins (and staff, for status) see of the PES connector, and the actions they take. */
import type { Readable } from 'node:stream';
import type { PesOutboxItem, PesOutboxList, PesOutboxState, PesRejectList, PesStatus } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { ValidationError } from '../../http/errors';
import { afterDesc, decodeKeyset, encodeKeyset } from '../../db/cursor';
import type { Clock } from '../../security/clock';
import { importRecordsFile, type ImportCounts, type ImportFormat } from './file-import';
import { leaseNameOf, PES_KINDS, type SyncRun } from './inbound-sync';
import { retryDeadLetters } from './outbox-dispatcher';
import type { PesRecordKind } from './pes.contract';
import type { UpstreamContext } from './upstream-records';
import { PesLease, PesOutbox, PesReject, PesSyncState, type LeaseRecord, type OutboxRecord, type RejectRecord, type SyncStateRecord } from './pes.models';

/** The running connector's controls (absent when the connector is off). */
export interface PesControls {
  runSync(kind: PesRecordKind): Promise<SyncRun>;
  /** Wakes the outbox delivery now. */
  kick(): void;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function toItem(r: OutboxRecord): PesOutboxItem {
  return {
    id: r._id.toHexString(),
    type: r.type,
    ref: r.ref,
    sequence: r.sequence,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError ?? null,
    occurredAt: r.occurredAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    deliveredAt: iso(r.deliveredAt),
    deadAt: iso(r.deadAt),
  };
}

function cursorFilter(cursor: string | undefined, field: string): Record<string, unknown> {
  if (cursor === undefined) return {};
  const after = decodeKeyset(cursor);
  if (!after) throw new ValidationError({ cursor: 'validation.cursor' });
  return afterDesc(field, after);
}

export class PesAdminService {
  constructor(private readonly deps: { enabled: boolean; clock: Clock; controls?: PesControls; upstream?: UpstreamContext }) {}

  async status(viewer: AuthContext): Promise<PesStatus> {
    const now = this.deps.clock();
    const scope = viewer.role === 'admin' || viewer.regionScope === null ? {} : { regionPath: viewer.regionScope };
    const [states, leases, pending, dead, deliveredLastDay, oldest, rejected] = await Promise.all([
      PesSyncState.find({}).lean<SyncStateRecord[]>().exec(),
      PesLease.find({ _id: { $in: PES_KINDS.map(leaseNameOf) }, expiresAt: { $gt: now } }).lean<LeaseRecord[]>().exec(),
      PesOutbox.countDocuments({ ...scope, state: 'pending' }).exec(),
      PesOutbox.countDocuments({ ...scope, state: 'dead' }).exec(),
      PesOutbox.countDocuments({ ...scope, state: 'delivered', deliveredAt: { $gte: new Date(now.getTime() - 86_400_000) } }).exec(),
      PesOutbox.findOne({ ...scope, state: 'pending' }).sort({ nextAttemptAt: 1 }).select({ occurredAt: 1 }).lean<Pick<OutboxRecord, 'occurredAt'>>().exec(),
      PesReject.estimatedDocumentCount().exec(),
    ]);
    return {
      enabled: this.deps.enabled,
      sync: PES_KINDS.map((kind) => {
        const s = states.find((x) => x._id === kind);
        const lease = leases.find((l) => l._id === leaseNameOf(kind));
        return {
          kind,
          lastStartedAt: iso(s?.lastStartedAt),
          lastFinishedAt: iso(s?.lastFinishedAt),
          lastSuccessAt: iso(s?.lastSuccessAt),
          lastError: s?.lastError ?? null,
          runningOn: lease?.owner ?? null,
          totals: {
            created: s?.totals?.created ?? 0,
            updated: s?.totals?.updated ?? 0,
            removed: s?.totals?.removed ?? 0,
            stale: s?.totals?.stale ?? 0,
            rejected: s?.totals?.rejected ?? 0,
          },
        };
      }),
      outbox: { pending, dead, deliveredLastDay, oldestPendingAt: iso(oldest?.occurredAt) },
      rejected,
    };
  }

  /** Outbox items in one state, newest first. */
  async outbox(state: PesOutboxState, limit: number, cursor: string | undefined): Promise<PesOutboxList> {
    const rows = await PesOutbox.find({ state, ...cursorFilter(cursor, 'createdAt') })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<OutboxRecord[]>()
      .exec();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toItem), nextCursor: rows.length > limit && last ? encodeKeyset(last.createdAt, last._id) : null };
  }

  async retry(ids: readonly string[] | 'all'): Promise<number> {
    const n = await retryDeadLetters(ids, this.deps.clock());
    this.deps.controls?.kick();
    return n;
  }

  async rejects(limit: number, cursor: string | undefined): Promise<PesRejectList> {
    const rows = await PesReject.find(cursorFilter(cursor, 'lastSeenAt'))
      .sort({ lastSeenAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<RejectRecord[]>()
      .exec();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r._id.toHexString(),
        kind: r.kind,
        source: r.source,
        upstreamId: r.upstreamId ?? null,
        reason: r.reason,
        record: r.record,
        count: r.count,
        firstSeenAt: r.firstSeenAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeKeyset(last.lastSeenAt, last._id) : null,
    };
  }

  importFile(input: Readable, kind: PesRecordKind, format: ImportFormat): Promise<ImportCounts> {
    return importRecordsFile(input, kind, format, this.deps.clock(), this.deps.upstream);
  }

  async runSync(): Promise<SyncRun[]> {
    const controls = this.deps.controls;
    if (!controls) return PES_KINDS.map((kind) => ({ kind, ran: false, pages: 0, counts: { created: 0, updated: 0, removed: 0, stale: 0, rejected: 0 }, error: 'PES connector is off' }));
    const runs: SyncRun[] = [];
    for (const kind of PES_KINDS) runs.push(await controls.runSync(kind));
    return runs;
  }
}
