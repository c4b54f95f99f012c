/**
 * The registry as staff use it: search in their region (masked), one person's record with
 * services and service level, reveal of the full ID number and phone (reason required, audited),
 * verification, employment facts for the watch, and one-to-one services.
 */
import { Types } from 'mongoose';
import {
  ageOn,
  chinaDateOf,
  maskIdNumber,
  maskMobilePhone,
  SERVICE_LEVELS,
  type EmploymentUpdate,
  type RegistryDetail,
  type RegistryPerson,
  type RegistryQuery,
  type ServiceKind,
  type ServiceLevel,
  type WatchReason,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { NotFoundError, ValidationError } from '../../http/errors';
import { afterDesc, decodeKeyset, encodeKeyset } from '../../db/cursor';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { Account } from '../accounts/account.model';
import type { AuditService } from '../audit/audit.service';
import { regionFullName } from '../regions/regions.service';
import { EnrollmentModel } from '../training/enrollment.model';
import { holdsVerification, verifiedFactsKey } from '../workers/verified-facts';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import type { OutcomeService } from '../outcomes/outcomes.service';
import { ServiceRecordModel, type ServiceRecordDoc } from './service-record.model';
import { NotificationRetryModel } from '../../integrations/notify/notifier';
import { inScope, regionFor } from './scope';
import { householdFilter, watchReasonText, type WatchService } from '../watch/watch.service';

const notFound = () => new NotFoundError('error.workerNotFound');
const POOR = new Set(['lifted_from_poverty', 'at_risk_of_poverty', 'rural_low_income']);

/** Shanghai month bounds [start, end) of `at`. */
export function shanghaiMonth(at: Date): { month: string; start: Date; end: Date } {
  const local = new Date(at.getTime() + 8 * 3600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return {
    month: `${y}-${String(m + 1).padStart(2, '0')}`,
    start: new Date(Date.UTC(y, m, 1) - 8 * 3600_000),
    end: new Date(Date.UTC(y, m + 1, 1) - 8 * 3600_000),
  };
}

export class RegistryService {
  constructor(
    private readonly deps: { crypto: FieldCrypto; clock: Clock; audit: AuditService; watch: WatchService; outcomes: OutcomeService },
  ) {}

  private async load(auth: AuthContext, id: string): Promise<WorkerRecord> {
    if (!Types.ObjectId.isValid(id)) throw notFound();
    const w = await Worker.findById(id).lean<WorkerRecord>().exec();
    if (!w || !inScope(auth, w.household.regionCode)) throw notFound();
    return w;
  }

  private async person(w: WorkerRecord): Promise<RegistryPerson> {
    const { crypto } = this.deps;
    const rules = await this.deps.watch.rulesFor(w.household.regionCode);
    return {
      id: w._id.toHexString(),
      name: w.name,
      idNumberMasked: maskIdNumber(crypto.decrypt('idNumber', w.idEnc)),
      phoneMasked: maskMobilePhone(crypto.decrypt('phone', w.phoneEnc)),
      age: ageOn(w.birthDate, chinaDateOf(this.deps.clock())),
      sex: w.sex,
      regionCode: w.household.regionCode,
      regionName: regionFullName(w.household.regionCode) ?? w.household.regionCode,
      keyGroups: w.keyGroups,
      mobility: w.mobility,
      status: w.employment.status,
      location: w.employment.destination?.location ?? null,
      verified: holdsVerification(w),
      watch: {
        color: (w.watch?.color as RegistryPerson['watch']['color'] | undefined) ?? null,
        reasons: (w.watch?.reasons ?? []).map((code) => ({ code: code as WatchReason, message: watchReasonText(code, rules) })),
        computedAt: w.watch?.computedAt ? w.watch.computedAt.toISOString() : null,
      },
      updatedAt: w.updatedAt.toISOString(),
    };
  }

  async search(auth: AuthContext, q: RegistryQuery): Promise<{ items: RegistryPerson[]; nextCursor: string | null }> {
    const region = regionFor(auth, q.regionCode);
    const after = q.cursor === undefined ? undefined : decodeKeyset(q.cursor);
    if (q.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const filter: Record<string, unknown> = householdFilter(region);
    if (q.status) filter['employment.status'] = q.status;
    if (q.keyGroup) filter.keyGroups = q.keyGroup;
    if (q.mobility) filter.mobility = q.mobility;
    if (q.color) filter['watch.color'] = q.color;
    if (q.verified) filter.verifiedAt = q.verified === 'true' ? { $ne: null } : null;
    if (after) filter.$and = [afterDesc('updatedAt', after)];
    const rows = await Worker.find(filter).sort({ updatedAt: -1, _id: -1 }).limit(q.limit + 1).lean<WorkerRecord[]>().exec();
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const items: RegistryPerson[] = [];
    for (const w of page) items.push(await this.person(w));
    return { items, nextCursor: rows.length > q.limit && last ? encodeKeyset(last.updatedAt, last._id) : null };
  }

  async serviceLevel(w: WorkerRecord): Promise<ServiceLevel> {
    const { month, start, end } = shanghaiMonth(this.deps.clock());
    const recorded = await ServiceRecordModel.find({ workerId: w._id }, { kind: 1, at: 1 }).lean<ServiceRecordDoc[]>().exec();
    // A job push counts once its notice reached the person (delivered), not when staff pressed 推送.
    const pushIds = recorded.filter((s) => s.kind === 'job_recommendation').map((s) => s._id.toHexString());
    const delivered = new Set(
      pushIds.length > 0 ? (await NotificationRetryModel.find({ complaintId: { $in: pushIds }, state: 'delivered' }, { complaintId: 1 }).lean().exec()).map((n) => n.complaintId) : [],
    );
    const all = recorded.filter((s) => s.kind !== 'job_recommendation' || delivered.has(s._id.toHexString()));
    const isJobInfo = (k: string) => k === 'job_info' || k === 'job_recommendation';
    const thisMonth = all.filter((s) => isJobInfo(s.kind) && s.at >= start && s.at < end).length;
    const recommendations = all.filter((s) => s.kind === 'job_recommendation').length;
    const guidance = all.filter((s) => s.kind === 'guidance').length;
    const jobInfos = all.filter((s) => isJobInfo(s.kind)).length;
    const enrollments = w.ownerLoginId ? await EnrollmentModel.countDocuments({ workerLoginId: w.ownerLoginId.toHexString(), status: { $ne: 'cancelled' } }).exec() : 0;
    const training = all.filter((s) => s.kind === 'training_offer').length + enrollments;
    const recApplies = w.keyGroups.some((k) => POOR.has(k)) && w.jobIntention.wantsJob && w.mobility !== 'cannot_leave';
    const needs = w.jobIntention.wantsJob || w.trainingIntention.wantsTraining || w.employment.status === 'unemployed';
    return {
      month,
      jobInfosThisMonth: { count: thisMonth, target: SERVICE_LEVELS.monthlyJobInfos, met: thisMonth >= SERVICE_LEVELS.monthlyJobInfos },
      recommendations: { count: recommendations, target: SERVICE_LEVELS.targetedRecommendations, met: !recApplies || recommendations >= SERVICE_LEVELS.targetedRecommendations, applies: recApplies },
      needsPackage: {
        applies: needs,
        guidance,
        jobInfos,
        training,
        met: !needs || (guidance >= SERVICE_LEVELS.guidance && jobInfos >= SERVICE_LEVELS.jobInfos && training >= SERVICE_LEVELS.training),
      },
    };
  }

  async detail(auth: AuthContext, id: string): Promise<RegistryDetail> {
    const w = await this.load(auth, id);
    await this.deps.audit.record(auth, { action: 'view', targetType: 'worker', targetId: id, regionCode: w.household.regionCode, detail: 'masked record' });
    return this.toDetail(w);
  }

  private async toDetail(w: WorkerRecord): Promise<RegistryDetail> {
    const services = await ServiceRecordModel.find({ workerId: w._id }).sort({ at: -1 }).limit(50).lean<ServiceRecordDoc[]>().exec();
    const d = w.employment.destination;
    return {
      ...(await this.person(w)),
      household: { regionCode: w.household.regionCode, regionName: regionFullName(w.household.regionCode) ?? w.household.regionCode, group: w.household.group },
      employment: {
        status: w.employment.status,
        location: d?.location ?? null,
        employerName: d?.employerName ?? null,
        trade: d?.trade ?? null,
        startedOn: d?.startedOn ?? null,
        endedOn: w.tracking?.endedOn ?? null,
        unemployedSince: w.tracking?.unemployedSince ?? null,
        postEndsOn: w.tracking?.postEndsOn ?? null,
        organizedByGovernment: d?.organizedByGovernment ?? false,
        hasIncome: w.tracking?.hasIncome ?? false,
      },
      jobTrades: w.jobIntention.trades,
      wantsJob: w.jobIntention.wantsJob,
      wantsTraining: w.trainingIntention.wantsTraining,
      verifiedAt: w.verifiedAt ? w.verifiedAt.toISOString() : null,
      services: services.map((s) => ({
        id: s._id.toHexString(),
        kind: s.kind as ServiceKind,
        note: s.note ?? null,
        jobId: s.jobId ? s.jobId.toHexString() : null,
        courseId: s.courseId ? s.courseId.toHexString() : null,
        at: s.at.toISOString(),
        byName: s.byName ?? null,
      })),
      serviceLevel: await this.serviceLevel(w),
    };
  }

  /** The full ID number and phone: needs a reason; every reveal is audited. */
  async reveal(auth: AuthContext, id: string, reason: string): Promise<{ idNumber: string; phone: string }> {
    const w = await this.load(auth, id);
    await this.deps.audit.record(auth, { action: 'reveal', targetType: 'worker', targetId: id, regionCode: w.household.regionCode, reason, detail: 'idNumber,phone' });
    return { idNumber: this.deps.crypto.decrypt('idNumber', w.idEnc), phone: this.deps.crypto.decrypt('phone', w.phoneEnc) };
  }

  async verify(auth: AuthContext, id: string, note: string | undefined): Promise<RegistryDetail> {
    const w = await this.load(auth, id);
    const updated = await Worker.findOneAndUpdate({ _id: w._id }, { $set: { verifiedAt: this.deps.clock(), verifiedBy: auth.subjectId, verifiedFacts: verifiedFactsKey(w) } }, { returnDocument: 'after' }).lean<WorkerRecord>().exec();
    await this.deps.audit.record(auth, { action: 'verify', targetType: 'worker', targetId: id, regionCode: w.household.regionCode, detail: note ?? null });
    return this.toDetail((await Worker.findById(id).lean<WorkerRecord>().exec()) ?? updated ?? w);
  }

  /** Staff record employment facts; the watch color follows. */
  async updateEmployment(auth: AuthContext, id: string, u: EmploymentUpdate): Promise<RegistryDetail> {
    const w = await this.load(auth, id);
    const employed = ['employed', 'self_employed', 'public_welfare_post'].includes(u.status);
    const destination =
      employed && u.location
        ? {
            location: u.location,
            ...(u.regionCode ? { regionCode: u.regionCode } : {}),
            ...(u.employerName ? { employerName: u.employerName } : {}),
            ...(u.trade ? { trade: u.trade } : {}),
            ...(u.startedOn ? { startedOn: u.startedOn } : {}),
            organizedByGovernment: u.organizedByGovernment,
          }
        : null;
    const tracking = { endedOn: u.endedOn ?? null, unemployedSince: u.unemployedSince ?? null, postEndsOn: u.postEndsOn ?? null };
    await Worker.findOneAndUpdate(
      { _id: w._id },
      { $set: { employment: { status: u.status, destination }, tracking: { ...tracking, hasIncome: u.hasIncome } } },
      { returnDocument: 'after' },
    ).exec();
    await this.deps.outcomes.fromEmploymentUpdate(auth, w, u, { status: u.status, destination: destination ? { ...destination, startedOn: destination.startedOn ?? chinaDateOf(this.deps.clock()) } : null, tracking });
    await this.deps.audit.record(auth, { action: 'update', targetType: 'worker', targetId: id, regionCode: w.household.regionCode, detail: `employment ${w.employment.status} → ${u.status}` });
    return this.toDetail((await Worker.findById(id).lean<WorkerRecord>().exec()) ?? w);
  }

  async addService(auth: AuthContext, id: string, input: { kind: ServiceKind; note?: string; jobId?: string; courseId?: string }): Promise<RegistryDetail> {
    const w = await this.load(auth, id);
    await this.recordService(auth, w, input);
    await this.deps.audit.record(auth, { action: 'service', targetType: 'worker', targetId: id, regionCode: w.household.regionCode, detail: input.kind });
    return this.toDetail(w);
  }

  /** Writes one service record (also used by the job push); answers its id, or null when that job was already pushed to the person. */
  async recordService(auth: AuthContext, w: Pick<WorkerRecord, '_id' | 'household'>, input: { kind: ServiceKind; note?: string; jobId?: string; courseId?: string }): Promise<string | null> {
    const byName = (await Account.findById(auth.subjectId, { displayName: 1 }).lean().exec())?.displayName ?? null;
    try {
      const created = await ServiceRecordModel.create({
        workerId: w._id,
        countyCode: w.household.countyCode,
        regionCode: w.household.regionCode,
        kind: input.kind,
        note: input.note ?? null,
        jobId: input.jobId ? new Types.ObjectId(input.jobId) : null,
        courseId: input.courseId ? new Types.ObjectId(input.courseId) : null,
        at: this.deps.clock(),
        by: auth.subjectId,
        byName,
      });
      return created._id.toHexString();
    } catch (err: unknown) {
      if ((err as { code?: number }).code === 11000) return null;
      throw err;
    }
  }
}
