/**
 * Becoming a broker and the broker's own views:
 * - a worker applies (ID, phone, village, service area, experience, the sign-in they want);
 * - staff of that region certify (the broker Account is made, or re-certified), reject, suspend or
 *   revoke, always with a reason, every change audited;
 * - a certified broker enrolls people one by one (consent recorded; the registration itself goes
 *   through WorkerService, the one registration path) and sees only the people they enrolled.
 */
import { Types } from 'mongoose';
import {
  addMonthsToDate,
  chinaDateOf,
  isWithinRegion,
  maskIdNumber,
  maskMobilePhone,
  parseIdNumber,
  type BrokerApplicationInput,
  type BrokerDecision,
  type BrokerHome,
  type BrokerPerson,
  type BrokerProfile,
  type BrokerStatus,
  type EnrolPersonData,
  type WorkerRegistrationResult,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, NotFoundError, ValidationError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { afterDesc, decodeKeyset, encodeKeyset } from '../../db/cursor';
import { Account } from '../accounts/account.model';
import { hashPassword } from '../accounts/password';
import { AuditService } from '../audit/audit.service';
import { findRegion, regionFullName } from '../regions/regions.service';
import type { SubsidyService } from '../subsidies/subsidies.service';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import type { WorkerService } from '../workers/workers.service';
import { assertCertifiedBroker, isCertifiedBroker } from './broker-gate';
import { BrokerProfileModel, EnrolmentModel, TeamModel, type BrokerProfileRecord, type TeamRecord } from './broker.model';

export interface BrokerServiceDeps {
  crypto: FieldCrypto;
  clock: Clock;
  workers: WorkerService;
  subsidies: SubsidyService;
}

/** What each decision does: from which statuses, to which. */
const TRANSITIONS: Record<BrokerDecision['action'], { from: BrokerStatus[]; to: BrokerStatus }> = {
  certify: { from: ['applied', 'suspended', 'rejected'], to: 'certified' },
  reject: { from: ['applied'], to: 'rejected' },
  suspend: { from: ['certified'], to: 'suspended' },
  revoke: { from: ['applied', 'certified', 'suspended'], to: 'revoked' },
};

export class BrokerService {
  private readonly audit: AuditService;

  constructor(private readonly deps: BrokerServiceDeps) {
    this.audit = new AuditService(deps.clock);
  }

  toProfile(p: BrokerProfileRecord): BrokerProfile {
    const { crypto } = this.deps;
    return {
      id: p._id.toHexString(),
      accountId: p.accountId ? p.accountId.toHexString() : null,
      username: p.username,
      name: p.name,
      idNumberMasked: maskIdNumber(crypto.decrypt('idNumber', p.idEnc)),
      phoneMasked: maskMobilePhone(crypto.decrypt('phone', p.phoneEnc)),
      villageCode: p.villageCode,
      villageName: regionFullName(p.villageCode) ?? p.villageCode,
      serviceAreaCode: p.serviceAreaCode,
      serviceAreaName: regionFullName(p.serviceAreaCode) ?? p.serviceAreaCode,
      experience: p.experience,
      status: p.status,
      certified: p.status === 'certified',
      history: p.history.map((h) => ({ status: h.status, at: h.at.toISOString(), byRole: h.byRole, reason: h.reason })),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }

  // ---- Application and certification ----

  async apply(auth: AuthContext, input: BrokerApplicationInput): Promise<BrokerProfile> {
    const id = parseIdNumber(input.idNumber, chinaDateOf(this.deps.clock()));
    if (!id.valid) throw new ValidationError({ idNumber: `validation.idNumber.${id.problem}` });
    const village = findRegion(input.villageCode);
    if (!village || village.level !== 'village') throw new ValidationError({ villageCode: 'validation.regionCode.notFound' });
    const area = findRegion(input.serviceAreaCode);
    if (!area || !['county', 'township'].includes(area.level) || !isWithinRegion(input.villageCode, input.serviceAreaCode.slice(0, 6))) {
      throw new ValidationError({ serviceAreaCode: 'validation.regionCode.notFound' });
    }
    // Whether a staff account has this username is not the applicant's to learn: a clash is
    // found at certification, where the staff member sees it and asks for another name.
    const username = input.username.trim().toLowerCase();
    const { crypto } = this.deps;
    const now = this.deps.clock();
    try {
      const doc = await BrokerProfileModel.create({
        applicantLoginId: auth.subjectId,
        accountId: null,
        username,
        passwordHash: await hashPassword(input.password),
        name: input.name,
        idIndex: crypto.blindIndex('idNumber', id.idNumber),
        idEnc: crypto.encrypt('idNumber', id.idNumber),
        phoneIndex: crypto.blindIndex('phone', input.phone),
        phoneEnc: crypto.encrypt('phone', input.phone),
        villageCode: input.villageCode,
        serviceAreaCode: input.serviceAreaCode,
        experience: input.experience,
        status: 'applied',
        history: [{ status: 'applied', at: now, byRole: auth.role, bySubjectId: auth.subjectId, reason: '' }],
      });
      return this.toProfile(doc.toObject<BrokerProfileRecord>());
    } catch (err: unknown) {
      if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', { messageKey: 'error.brokerApplicationExists' });
      throw err;
    }
  }

  async myApplication(auth: AuthContext): Promise<BrokerProfile> {
    const p = await BrokerProfileModel.findOne({ applicantLoginId: auth.subjectId }).sort({ createdAt: -1 }).lean<BrokerProfileRecord>().exec();
    if (!p) throw new NotFoundError('error.brokerNotFound');
    return this.toProfile(p);
  }

  private inScope(auth: AuthContext, code: string): boolean {
    return auth.role === 'admin' || auth.regionScope === null || isWithinRegion(code, auth.regionScope);
  }

  async list(auth: AuthContext, query: { status?: BrokerStatus; cursor?: string; limit: number }): Promise<{ items: BrokerProfile[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const filter: Record<string, unknown> = {};
    if (auth.role !== 'admin' && auth.regionScope !== null) filter.villageCode = { $regex: `^${auth.regionScope}` };
    if (query.status) filter.status = query.status;
    if (after) Object.assign(filter, afterDesc('createdAt', after));
    const rows = await BrokerProfileModel.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit + 1).lean<BrokerProfileRecord[]>().exec();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map((p) => this.toProfile(p)), nextCursor: rows.length > query.limit && last ? encodeKeyset(last.createdAt, last._id) : null };
  }

  async get(auth: AuthContext, id: string): Promise<BrokerProfile> {
    const p = await BrokerProfileModel.findById(id).lean<BrokerProfileRecord>().exec();
    if (!p || !this.inScope(auth, p.villageCode)) throw new NotFoundError('error.brokerNotFound');
    return this.toProfile(p);
  }

  /** Certify, reject, suspend or revoke, by staff of the broker's region; audited. */
  async decide(auth: AuthContext, id: string, decision: BrokerDecision): Promise<BrokerProfile> {
    const p = await BrokerProfileModel.findById(id).lean<BrokerProfileRecord>().exec();
    if (!p || !this.inScope(auth, p.villageCode)) throw new NotFoundError('error.brokerNotFound');
    const move = TRANSITIONS[decision.action];
    if (!move.from.includes(p.status)) throw new AppError('CONFLICT', { messageKey: 'error.brokerDecisionNotAllowed' });
    const now = this.deps.clock();
    let accountId = p.accountId;
    if (move.to === 'certified') {
      if (!accountId) {
        try {
          const account = await Account.create({
            username: p.username,
            displayName: p.name.slice(0, 30),
            role: 'broker',
            regionScope: p.serviceAreaCode,
            phoneEnc: p.phoneEnc,
            passwordHash: p.passwordHash,
            certifiedAt: now,
            active: true,
          });
          accountId = account._id;
        } catch (err: unknown) {
          if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', { messageKey: 'error.brokerUsernameTaken' });
          throw err;
        }
      } else {
        await Account.updateOne({ _id: accountId }, { $set: { certifiedAt: now } }).exec();
      }
    } else if (accountId) {
      await Account.updateOne({ _id: accountId }, { $set: { certifiedAt: null } }).exec();
    }
    const updated = await BrokerProfileModel.findOneAndUpdate(
      { _id: p._id, status: p.status },
      {
        $set: { status: move.to, accountId },
        $push: { history: { status: move.to, at: now, byRole: auth.role, bySubjectId: auth.subjectId, reason: decision.reason } },
      },
      { returnDocument: 'after' },
    )
      .lean<BrokerProfileRecord>()
      .exec();
    if (!updated) throw new AppError('CONFLICT', { messageKey: 'error.brokerDecisionNotAllowed' });
    await this.audit.record(auth, {
      action: 'decide',
      targetType: 'broker',
      targetId: p._id.toHexString(),
      regionCode: p.villageCode,
      reason: decision.reason,
      detail: `${p.status} → ${move.to}`,
    });
    return this.toProfile(updated);
  }

  // ---- The broker's people ----

  /** Enroll one person with their consent: the registration goes through WorkerService. */
  async enrol(auth: AuthContext, input: EnrolPersonData): Promise<WorkerRegistrationResult> {
    await assertCertifiedBroker(auth);
    const result = await this.deps.workers.saveForSomeone(auth, input.registration);
    await EnrolmentModel.updateOne(
      { brokerId: auth.subjectId, workerId: new Types.ObjectId(result.worker.id) },
      { $set: { consentMethod: input.consent.method, consentedAt: this.deps.clock() }, $setOnInsert: { via: 'form', importId: null } },
      { upsert: true },
    ).exec();
    return result;
  }

  private toPerson(w: WorkerRecord): BrokerPerson {
    const { crypto } = this.deps;
    return {
      workerId: w._id.toHexString(),
      name: w.name,
      idNumberMasked: maskIdNumber(crypto.decrypt('idNumber', w.idEnc)),
      phoneMasked: maskMobilePhone(crypto.decrypt('phone', w.phoneEnc)),
      regionName: regionFullName(w.household.regionCode) ?? w.household.regionCode,
      keyGroups: w.keyGroups,
      claimed: w.ownerLoginId !== undefined && w.ownerLoginId !== null,
      enrolledAt: w.createdAt.toISOString(),
    };
  }

  async people(auth: AuthContext, query: { cursor?: string; limit: number }): Promise<{ items: BrokerPerson[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const filter: Record<string, unknown> = { 'createdBy.subjectId': auth.subjectId };
    if (after) Object.assign(filter, afterDesc('createdAt', after));
    const rows = await Worker.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit + 1).lean<WorkerRecord[]>().exec();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map((w) => this.toPerson(w)), nextCursor: rows.length > query.limit && last ? encodeKeyset(last.createdAt, last._id) : null };
  }

  /** One of my people; anyone else's → 404 (the same answer as an unknown id). */
  async person(auth: AuthContext, workerId: string): Promise<BrokerPerson> {
    const w = await Worker.findOne({ _id: new Types.ObjectId(workerId), 'createdBy.subjectId': auth.subjectId }).lean<WorkerRecord>().exec();
    if (!w) throw new NotFoundError('error.workerNotFound');
    return this.toPerson(w);
  }

  // ---- Home ----

  async home(auth: AuthContext): Promise<BrokerHome> {
    const [account, profile, people, teams, totals] = await Promise.all([
      Account.findById(auth.subjectId, { displayName: 1, regionScope: 1, certifiedAt: 1 }).lean().exec(),
      BrokerProfileModel.findOne({ accountId: new Types.ObjectId(auth.subjectId) }).lean<BrokerProfileRecord>().exec(),
      Worker.countDocuments({ 'createdBy.subjectId': auth.subjectId }).exec(),
      TeamModel.find({ brokerId: auth.subjectId }, { stages: 1 }).lean<Array<Pick<TeamRecord, 'stages'>>>().exec(),
      this.deps.subsidies.totalsFor(auth.subjectId),
    ]);
    const certified = await isCertifiedBroker(auth.subjectId);
    const status: BrokerStatus = profile?.status ?? (certified ? 'certified' : 'suspended');
    const scope = profile?.serviceAreaCode ?? account?.regionScope ?? '';
    const today = chinaDateOf(this.deps.clock());
    const months: string[] = [];
    for (let i = 11; i >= 0; i -= 1) months.push(addMonthsToDate(`${today.slice(0, 7)}-01`, -i).slice(0, 7));
    const counts = new Map(months.map((m) => [m, 0]));
    for (const team of teams) {
      const arrivedBy = new Map<string, string>();
      for (const s of team.stages) {
        if (s.stage !== 'arrived') continue;
        for (const m of s.memberIds) {
          const key = m.toHexString();
          const prev = arrivedBy.get(key);
          if (prev === undefined || s.on < prev) arrivedBy.set(key, s.on);
        }
      }
      for (const on of arrivedBy.values()) {
        const month = on.slice(0, 7);
        const c = counts.get(month);
        if (c !== undefined) counts.set(month, c + 1);
      }
    }
    return {
      profile: { name: profile?.name ?? account?.displayName ?? '', status, certified, serviceAreaName: scope ? (regionFullName(scope) ?? scope) : '' },
      people,
      teams: teams.length,
      subsidies: { waitingFen: totals.waiting, dueFen: totals.due, claimedFen: totals.claimed, approvedFen: totals.approved, paidFen: totals.paid },
      placementsByMonth: months.map((month) => ({ month, count: counts.get(month) ?? 0 })),
    };
  }
}
