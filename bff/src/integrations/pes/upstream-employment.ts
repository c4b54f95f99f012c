/**
 * PES employment records (就业登记, 离岗/失业登记, 创业, 公益性岗位) feed the same job history and
 * current state as an outcome staff confirm: the person is found by ID number and the record is
 * applied through OutcomeService once per upstream id and version (a re-sync adds nothing; an
 * older version after a newer one is stale).
 */
import { maskIdNumber, type OutcomeKind } from '@zhuanyi/shared';
import { AuditService } from '../../modules/audit/audit.service';
import { findRegion } from '../../modules/regions/regions.service';
import { JobHistoryModel } from '../../modules/outcomes/job-history.model';
import { OutcomeService } from '../../modules/outcomes/outcomes.service';
import type { WorkerState } from '../../modules/outcomes/outcomes.repository';
import { Worker } from '../../modules/workers/worker.model';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import type { PesEmployment } from './pes.contract';
import type { UpstreamContext } from './upstream-records';

const KIND_OF: Record<PesEmployment['status'], OutcomeKind> = {
  employed: 'arrived',
  self_employed: 'started_business',
  public_welfare_post: 'public_welfare_post',
  left: 'left',
  returned_home: 'returned_home',
};

export const sourceRefOf = (id: string, version: number) => `pes:${id}:${version}`;

/** An employment record the registry cannot take (e.g. nobody registered with that ID number). */
export class EmploymentRecordRefused extends Error {}

/** The raw record (or line) as it may be kept among the rejects: any ID number masked. */
export function withoutIdNumber(raw: unknown): unknown {
  if (typeof raw === 'string') return raw.replace(/\d{17}[\dXx]/g, (id) => maskIdNumber(id));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const id = Reflect.get(raw, 'idNumber');
  return typeof id === 'string' ? { ...(raw as Record<string, unknown>), idNumber: maskIdNumber(id) } : raw;
}

export class PesEmploymentApplier {
  constructor(private readonly deps: { crypto: FieldCrypto; outcomes: OutcomeService }) {}

  /** The highest version of this upstream record already in a job history, or 0. */
  private async storedVersion(id: string): Promise<number> {
    const head = `pes:${id}:`;
    const rows = await JobHistoryModel.find({ sourceRef: { $gte: head, $lt: `${head}\uffff` } }, { sourceRef: 1 }).lean().exec();
    return rows.reduce((max, r) => Math.max(max, Number((r.sourceRef ?? '').slice(head.length)) || 0), 0);
  }

  async apply(r: PesEmployment): Promise<'updated' | 'stale'> {
    if (r.regionCode && !findRegion(r.regionCode)) throw new EmploymentRecordRefused(`regionCode: ${r.regionCode} is not a known region`);
    const idIndex = this.deps.crypto.blindIndex('idNumber', r.idNumber);
    const w = await Worker.findOne({ idIndex }, { household: 1, employment: 1, tracking: 1, keyGroups: 1, name: 1 }).lean<WorkerState>().exec();
    if (!w) throw new EmploymentRecordRefused('idNumber: nobody with this ID number is registered');
    if ((await this.storedVersion(r.id)) >= r.version) return 'stale';
    const added = await this.deps.outcomes.apply(
      w,
      {
        kind: KIND_OF[r.status],
        on: r.on,
        ...(r.regionCode ? { regionCode: r.regionCode } : {}),
        ...(r.employerName ? { employerName: r.employerName } : {}),
        ...(r.trade ? { trade: r.trade } : {}),
        ...(r.organizedByGovernment !== undefined ? { organizedByGovernment: r.organizedByGovernment } : {}),
      },
      { source: 'pes', sourceRef: sourceRefOf(r.id, r.version), by: 'pes' },
    );
    return added ? 'updated' : 'stale';
  }
}

/** What applying upstream records needs: employment records go through the outcomes. */
export function pesUpstreamContext(crypto: FieldCrypto, clock: Clock): UpstreamContext {
  return { employment: new PesEmploymentApplier({ crypto, outcomes: new OutcomeService({ clock, audit: new AuditService(clock) }) }) };
}
