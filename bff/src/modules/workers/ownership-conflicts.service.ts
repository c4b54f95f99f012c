/**
 * ID squatting. Someone registered another person's ID number under their own login; the real
 * person registering later is answered as if registered (a stranger learns nothing), and either
 * - has proven, at sign-in, the phone on the record: the record is theirs again at once, or
 * - waits in the staff queue until staff check their ID card in person and give it back (audited).
 */
import { Types } from 'mongoose';
import { isWithinRegion, maskIdNumber, maskMobilePhone, type OwnershipConflict as OwnershipConflictView, type OwnershipConflictDecision } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import type { AuditService } from '../audit/audit.service';
import { WorkerLogin } from '../auth/worker-login.model';
import { regionFullName } from '../regions/regions.service';
import { registrationChange, withPesEvents } from '../../integrations/pes/pes-events';
import { OwnershipConflict, type OwnershipConflictRecord } from './ownership-conflict.model';
import { Worker, type WorkerFields, type WorkerRecord } from './worker.model';

export interface OwnershipDeps {
  crypto: FieldCrypto;
  clock: Clock;
}

/** Moves a record to another login (the old login loses it), with its PES update, in one transaction. */
export async function giveRecordTo(workerId: Types.ObjectId, fromLoginId: Types.ObjectId | undefined, toLoginId: string, fields: WorkerFields, at: Date, verifiedBy?: string): Promise<WorkerRecord | null> {
  return withPesEvents(
    async () => {
      if (fromLoginId) await WorkerLogin.updateOne({ _id: fromLoginId, workerId }, { $unset: { workerId: 1 } }).exec();
      const moved = await Worker.findOneAndUpdate(
        { _id: workerId, ownerLoginId: fromLoginId ?? { $exists: false } },
        { $set: { ...fields, ownerLoginId: new Types.ObjectId(toLoginId), claimedAt: at, ...(verifiedBy ? { verifiedAt: at, verifiedBy } : {}) } },
        { returnDocument: 'after', runValidators: true },
      )
        .lean<WorkerRecord>()
        .exec();
      if (moved) await WorkerLogin.updateOne({ _id: new Types.ObjectId(toLoginId) }, { $set: { workerId } }).exec();
      return moved;
    },
    (w) => (w ? [registrationChange('registration_update', w)] : []),
  );
}

/** Keeps (or refreshes) the caller's submission in the queue. */
export async function holdForOwnershipCheck(loginId: string, record: WorkerRecord, fields: WorkerFields): Promise<OwnershipConflictRecord> {
  const held = await OwnershipConflict.findOneAndUpdate(
    { workerId: record._id, claimantLoginId: new Types.ObjectId(loginId), state: 'open' },
    { $set: { fields, regionCode: record.household.regionCode, countyCode: record.household.countyCode } },
    { upsert: true, returnDocument: 'after' },
  )
    .lean<OwnershipConflictRecord>()
    .exec();
  if (!held) throw new Error('ownership conflict not stored');
  return held;
}

export function openConflictOf(loginId: string): Promise<OwnershipConflictRecord | null> {
  return OwnershipConflict.findOne({ claimantLoginId: new Types.ObjectId(loginId), state: 'open' }).sort({ updatedAt: -1 }).lean<OwnershipConflictRecord>().exec();
}

export class OwnershipConflictsService {
  constructor(
    private readonly deps: OwnershipDeps,
    private readonly audit: AuditService,
  ) {}

  private inScope(auth: AuthContext, c: Pick<OwnershipConflictRecord, 'regionCode'>): boolean {
    return auth.role === 'admin' || auth.regionScope === null || isWithinRegion(c.regionCode, auth.regionScope);
  }

  private async view(c: OwnershipConflictRecord, record: WorkerRecord | null): Promise<OwnershipConflictView> {
    const { crypto } = this.deps;
    return {
      id: c._id.toHexString(),
      workerId: c.workerId.toHexString(),
      idNumberMasked: maskIdNumber(crypto.decrypt('idNumber', c.fields.idEnc)),
      current: { name: record?.name ?? '', phoneMasked: record ? maskMobilePhone(crypto.decrypt('phone', record.phoneEnc)) : '' },
      claimant: { name: c.fields.name, phoneMasked: maskMobilePhone(crypto.decrypt('phone', c.fields.phoneEnc)) },
      regionCode: c.regionCode,
      regionName: regionFullName(c.regionCode),
      state: c.state,
      reason: c.reason,
      createdAt: c.createdAt.toISOString(),
    };
  }

  /** The open conflicts staff may see (their region; admin all), oldest first. */
  async list(auth: AuthContext): Promise<{ items: OwnershipConflictView[] }> {
    const scope = auth.role === 'admin' ? null : auth.regionScope;
    const rows = await OwnershipConflict.find({ state: 'open', ...(scope ? { countyCode: scope.slice(0, 6) } : {}) })
      .sort({ createdAt: 1 })
      .limit(200)
      .lean<OwnershipConflictRecord[]>()
      .exec();
    const visible = rows.filter((c) => this.inScope(auth, c));
    const records = await Worker.find({ _id: { $in: visible.map((c) => c.workerId) } }).lean<WorkerRecord[]>().exec();
    const byId = new Map(records.map((r) => [r._id.toHexString(), r]));
    return { items: await Promise.all(visible.map((c) => this.view(c, byId.get(c.workerId.toHexString()) ?? null))) };
  }

  /** grant: staff checked the claimant's ID card in person; the record goes to them. refuse: it stays. */
  async decide(auth: AuthContext, id: string, decision: OwnershipConflictDecision): Promise<OwnershipConflictView> {
    const c = Types.ObjectId.isValid(id) ? await OwnershipConflict.findById(id).lean<OwnershipConflictRecord>().exec() : null;
    if (!c || !this.inScope(auth, c)) throw new NotFoundError();
    if (c.state !== 'open') throw new ConflictError();
    const now = this.deps.clock();
    const record = await Worker.findById(c.workerId).lean<WorkerRecord>().exec();
    if (!record) throw new NotFoundError('error.workerNotFound');
    if (decision.action === 'grant') {
      // One record per login: a claimant who holds another record must settle that first.
      if (await Worker.exists({ ownerLoginId: c.claimantLoginId }).exec()) throw new ConflictError('error.workerOwnedByOther');
      const moved = await giveRecordTo(record._id, record.ownerLoginId, c.claimantLoginId.toHexString(), c.fields, now, auth.subjectId);
      if (!moved) throw new ConflictError();
    }
    const decided = await OwnershipConflict.findOneAndUpdate(
      { _id: c._id, state: 'open' },
      { $set: { state: decision.action === 'grant' ? 'granted' : 'refused', decidedBy: auth.subjectId, decidedAt: now, reason: decision.reason } },
      { returnDocument: 'after' },
    )
      .lean<OwnershipConflictRecord>()
      .exec();
    if (!decided) throw new ConflictError();
    await this.audit.record(auth, {
      action: decision.action === 'grant' ? 'verify' : 'decide',
      targetType: 'worker',
      targetId: record._id.toHexString(),
      regionCode: record.household.regionCode,
      reason: decision.reason,
      detail: `ownership ${decision.action} (conflict ${c._id.toHexString()})`,
    });
    return this.view(decided, await Worker.findById(c.workerId).lean<WorkerRecord>().exec());
  }
}
