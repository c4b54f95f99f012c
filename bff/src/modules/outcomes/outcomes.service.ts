/**
 * Confirmed outcomes update one person's current state (status, place, period) and add to their
 * job history: staff confirming a team's arrival or departure, staff recording an outcome for one
 * person, imports and PES records. A late confirmation of an older outcome is kept in the history
 * but does not overwrite a newer state.
 */
import { Types } from 'mongoose';
import {
  addMonthsYmd,
  chinaDateOf,
  stateAfter,
  WELFARE_POST_MONTHS,
  type EmploymentState,
  type EmploymentUpdate,
  type JobHistoryEntry,
  type OutcomeFacts,
  type OutcomeInput,
  type OutcomeKind,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { NotFoundError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import type { AuditService } from '../audit/audit.service';
import { regionFullName } from '../regions/regions.service';
import { inScope } from '../staff/scope';
import type { WorkerRecord } from '../workers/worker.model';
import type { JobHistoryRecord } from './job-history.model';
import { outcomesRepository as repo, type HistoryMeta, type WorkerState } from './outcomes.repository';

const notFound = () => new NotFoundError('error.workerNotFound');

export function historyToApi(h: JobHistoryRecord): JobHistoryEntry {
  return {
    id: h._id.toHexString(),
    kind: h.kind,
    source: h.source,
    on: h.on,
    status: h.status,
    location: h.location ?? null,
    regionCode: h.regionCode ?? null,
    regionName: h.regionCode ? (regionFullName(h.regionCode) ?? null) : null,
    employerName: h.employerName ?? null,
    startedOn: h.startedOn ?? null,
    endedOn: h.endedOn ?? null,
    organizedByGovernment: h.organizedByGovernment,
    travel: h.travel ? { distanceKm: h.travel.distanceKm, mode: h.travel.mode } : null,
    recordedAt: h.recordedAt.toISOString(),
  };
}

/** The outcome a staff employment update amounts to. */
function kindOfUpdate(u: EmploymentUpdate, before: WorkerRecord['employment']['status']): OutcomeKind | 'registered' {
  if (u.status === 'employed') return 'arrived';
  if (u.status === 'self_employed') return 'started_business';
  if (u.status === 'public_welfare_post') return 'public_welfare_post';
  if (u.status === 'unemployed' && before !== 'unemployed') return 'left';
  return 'registered';
}

/** What follows an arrival staff confirm for one person (the transport grant in the subsidy ledger). */
export type OnArrivalConfirmed = (w: WorkerState, arrival: OutcomeInput & { kind: 'arrived' }) => Promise<unknown>;

export class OutcomeService {
  constructor(private readonly deps: { clock: Clock; audit: AuditService; onArrival?: OnArrivalConfirmed }) {}

  /** Applies one outcome to one person; false when it was recorded before (same sourceRef). */
  async apply(w: WorkerState, o: OutcomeFacts, meta: Omit<HistoryMeta, 'kind' | 'on' | 'at'> & { hasIncome?: boolean | null }): Promise<boolean> {
    const state = stateAfter(o, w.household.regionCode, addMonthsYmd(o.on, WELFARE_POST_MONTHS));
    const travel = o.kind === 'arrived' && o.travel ? { travel: o.travel } : {};
    return this.record(w, state, { ...meta, ...travel, kind: o.kind, on: o.on, at: this.deps.clock() }, meta.hasIncome ?? w.tracking?.hasIncome ?? null);
  }

  /** Writes the history entry, then the current state unless a newer outcome is on record. */
  async record(w: WorkerState, state: EmploymentState, meta: HistoryMeta, hasIncome: boolean | null): Promise<boolean> {
    const latest = await repo.latestOn(w._id);
    const d = w.employment.destination;
    const ended = state.status === 'unemployed' && d ? { startedOn: d.startedOn ?? null, employerName: d.employerName ?? null } : null;
    const added = await repo.addEntry(w, state, meta, ended);
    if (!added) return false;
    if (latest === null || meta.on >= latest) await repo.setState(w._id, state, hasIncome, meta.kind === 'started_business');
    return true;
  }

  /** Staff record an outcome for one person in their region. Audited. */
  async recordForStaff(auth: AuthContext, workerId: string, input: OutcomeInput): Promise<JobHistoryEntry[]> {
    const w = Types.ObjectId.isValid(workerId) ? await repo.worker(workerId) : null;
    if (!w || !inScope(auth, w.household.regionCode)) throw notFound();
    await this.apply(w, input, { source: 'staff', by: auth.subjectId });
    // Also on a repeat: the ledger's unique keys make a second run a no-op.
    if (input.kind === 'arrived') await this.deps.onArrival?.(w, { ...input, kind: 'arrived' });
    await this.deps.audit.record(auth, {
      action: 'update',
      targetType: 'worker',
      targetId: workerId,
      regionCode: w.household.regionCode,
      reason: input.note ?? null,
      detail: `outcome ${input.kind} ${input.on}`,
    });
    return this.history(auth, workerId);
  }

  /** The staff employment form, as an outcome in the history. */
  async fromEmploymentUpdate(auth: AuthContext, w: WorkerRecord, u: EmploymentUpdate, state: EmploymentState): Promise<void> {
    const today = chinaDateOf(this.deps.clock());
    const on = state.destination?.startedOn ?? u.endedOn ?? today;
    await repo.addEntry(w, state, { kind: kindOfUpdate(u, w.employment.status), source: 'staff', on, by: auth.subjectId, at: this.deps.clock() }, null);
  }

  async history(auth: AuthContext, workerId: string): Promise<JobHistoryEntry[]> {
    const w = Types.ObjectId.isValid(workerId) ? await repo.worker(workerId) : null;
    if (!w || !inScope(auth, w.household.regionCode)) throw notFound();
    return (await repo.list(w._id)).map(historyToApi);
  }

  /** Import rows and PES records: each saved person's state as it came in, once per version. */
  async fromRegistrations(rows: ReadonlyArray<Pick<WorkerRecord, '_id' | 'household' | 'employment' | 'tracking'> & { updatedAt?: Date }>, source: 'import' | 'pes' | 'registration', by: string): Promise<void> {
    const at = this.deps.clock();
    const today = chinaDateOf(at);
    await repo.addMany(
      rows.map((w) => {
        const d = w.employment.destination;
        return {
          workerId: w._id,
          countyCode: w.household.countyCode,
          kind: 'registered' as const,
          source,
          sourceRef: `${source}:${w._id.toHexString()}:${(w.updatedAt ?? at).getTime()}`,
          on: d?.startedOn ?? today,
          status: w.employment.status,
          location: d?.location ?? null,
          regionCode: d?.regionCode ?? null,
          employerName: d?.employerName ?? null,
          startedOn: d?.startedOn ?? null,
          endedOn: w.tracking?.endedOn ?? null,
          organizedByGovernment: d?.organizedByGovernment ?? false,
          recordedBy: by,
          recordedAt: at,
        };
      }),
    );
  }
}
