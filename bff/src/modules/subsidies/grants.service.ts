/**
 * Worker grants (一次性求职创业补贴, transport and training allowances paid to the person): the
 * worker's own view in 我的 with status and an application where one is needed, and the staff's
 * "ready to pay" list where the data already proves eligibility (免申即享). Broker service fees
 * are a separate ledger (SubsidyService.list for brokers shows only those).
 */
import { Types } from 'mongoose';
import { type Entitlement, type SubsidyRuleKind, type WorkerGrant, type WorkerGrantKind, type WorkerGrantList } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, NotFoundError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import type { AuditService } from '../audit/audit.service';
import { regionRange } from '../staff/scope';
import { holdsVerification } from '../workers/verified-facts';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import type { SubsidyService } from './subsidies.service';
import { EntitlementModel, type EntitlementRecord } from './subsidy.model';

/** The kind of a worker grant: from the rule's kind, else from its rule key (e.g. tongliao-job-seeking-poor). */
export function grantKindOf(ruleKey: string, ruleKind?: SubsidyRuleKind): WorkerGrantKind {
  if (ruleKind === 'transport') return 'transport';
  if (ruleKind === 'training_allowance') return 'training_allowance';
  if (ruleKey.includes('job-seeking')) return 'job_seeking';
  if (ruleKey.includes('transport')) return 'transport';
  if (ruleKey.includes('training')) return 'training_allowance';
  return 'other';
}

const VERIFY_FIELDS = { idIndex: 1, birthDate: 1, keyGroups: 1, household: 1, verifiedAt: 1, verifiedFacts: 1 } as const;

export class GrantService {
  constructor(private readonly deps: { clock: Clock; subsidies: SubsidyService; audit: AuditService }) {}

  private async myRecord(auth: AuthContext): Promise<WorkerRecord | null> {
    return Worker.findOne({ ownerLoginId: new Types.ObjectId(auth.subjectId) }, VERIFY_FIELDS).lean<WorkerRecord>().exec();
  }

  private toGrant(e: EntitlementRecord, verified: boolean, now: Date): WorkerGrant {
    const api = this.deps.subsidies.toApi(e, now);
    // A key-group amount the staff have not verified needs the person's application; otherwise it is paid without asking.
    const needsClaim = !!e.keyGroupTier && !verified;
    return {
      id: api.id,
      kind: grantKindOf(e.ruleKey, e.ruleKind),
      ruleName: api.ruleName,
      amountFen: api.amountFen,
      state: api.state,
      dueOn: api.dueOn,
      needsClaim,
      claimable: needsClaim && api.state === 'due',
      reason: api.reason,
      basis: e.basis ?? null,
      paidAt: api.paidAt,
    };
  }

  async mine(auth: AuthContext): Promise<WorkerGrantList> {
    const w = await this.myRecord(auth);
    if (!w) return { items: [], totalFen: 0, paidFen: 0 };
    const now = this.deps.clock();
    const rows = await EntitlementModel.find({ workerId: w._id, beneficiary: 'worker', status: { $ne: 'void' } }).sort({ createdAt: -1 }).limit(100).lean<EntitlementRecord[]>().exec();
    const verified = holdsVerification(w);
    const items = rows.map((e) => this.toGrant(e, verified, now));
    const live = rows.filter((e) => e.status !== 'rejected');
    return { items, totalFen: live.reduce((a, e) => a + e.amountFen, 0), paidFen: rows.filter((e) => e.status === 'paid').reduce((a, e) => a + e.amountFen, 0) };
  }

  /** The worker applies for a due grant of theirs (once, whatever the number of requests at once). */
  async claim(auth: AuthContext, id: string): Promise<WorkerGrant> {
    const w = await this.myRecord(auth);
    if (!w || !Types.ObjectId.isValid(id)) throw new NotFoundError('error.grantNotFound');
    const now = this.deps.clock();
    const claimed = await EntitlementModel.findOneAndUpdate(
      { _id: new Types.ObjectId(id), workerId: w._id, beneficiary: 'worker', status: 'open', dueAt: { $lte: now } },
      { $set: { status: 'claimed', claimedAt: now } },
      { returnDocument: 'after' },
    )
      .lean<EntitlementRecord>()
      .exec();
    if (claimed) {
      await this.deps.audit.record(auth, {
        action: 'update',
        targetType: 'entitlement',
        targetId: id,
        regionCode: claimed.regionCode,
        detail: `worker applied for ${claimed.ruleKey} ${claimed.amountFen} fen`,
      });
      return this.toGrant(claimed, holdsVerification(w), now);
    }
    const found = await EntitlementModel.exists({ _id: new Types.ObjectId(id), workerId: w._id, beneficiary: 'worker' }).exec();
    if (!found) throw new NotFoundError('error.grantNotFound');
    throw new AppError('CONFLICT', { messageKey: 'error.grantNotClaimable' });
  }

  /** Staff: due worker grants in their region whose facts are proven (no key group needed, or verified). */
  async readyToPay(auth: AuthContext): Promise<{ items: Entitlement[]; totalFen: number }> {
    const now = this.deps.clock();
    const filter: Record<string, unknown> = { beneficiary: 'worker', status: 'open', dueAt: { $lte: now } };
    if (auth.role !== 'admin' && auth.regionScope !== null) filter.regionCode = regionRange(auth.regionScope);
    const rows = await EntitlementModel.find(filter).sort({ dueAt: 1, _id: 1 }).limit(500).lean<EntitlementRecord[]>().exec();
    const people = await Worker.find({ _id: { $in: [...new Set(rows.map((r) => r.workerId.toHexString()))].map((x) => new Types.ObjectId(x)) } }, VERIFY_FIELDS)
      .lean<WorkerRecord[]>()
      .exec();
    const verified = new Set(people.filter(holdsVerification).map((p) => p._id.toHexString()));
    const ready = rows.filter((e) => !e.keyGroupTier || verified.has(e.workerId.toHexString()));
    return { items: ready.map((e) => this.deps.subsidies.toApi(e, now)), totalFen: ready.reduce((a, e) => a + e.amountFen, 0) };
  }
}
