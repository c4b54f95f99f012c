/**
 * 实名登记: one record per person (unique blind index of the 身份证号).
 * - A worker's PUT creates their record, or updates it when they already have one
 *   (a duplicate registration is an update, never a second record).
 * - A record a broker or staff entered first is claimed by the person: they must know its
 *   ID number and phone and have proven that phone at sign-in (SMS code or WeChat phone).
 * - Brokers and staff enter records for people in their region.
 * Responses mask the ID number and phone.
 */
import {
  ageOn,
  chinaDateOf,
  isWithinRegion,
  maskIdNumber,
  maskMobilePhone,
  maskPersonName,
  parseIdNumber,
  type ClaimableRecordList,
  type MessageKey,
  type RegistrationOutcome,
  type WorkerClaimRequest,
  type WorkerRegistration,
  type WorkerRegistrationData,
  type WorkerRegistrationResult,
  WorkerRegistrationInputSchema,
} from '@zhuanyi/shared';
import { sealFreeTextIn } from '../../security/sealed-text';
import type { AuthContext } from '../../http/auth';
import { AppError, NotFoundError, ValidationError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { findRegion, regionFullName } from '../regions/regions.service';
import { registrationChange, withPesEvents } from '../../integrations/pes/pes-events';
import { giveRecordTo, holdForOwnershipCheck, openConflictOf } from './ownership-conflicts.service';
import { assertCertifiedBroker } from '../brokers/broker-gate';
import type { ConsentService } from '../consents/consents.service';
import type { WorkerRecord } from './worker.model';
import {
  claimWorker,
  findLoginPhoneIndex,
  findWorkerById,
  findUnclaimedByPhone,
  findWorkerByIdIndex,
  findWorkerOwnedBy,
  insertWorker,
  linkLoginToWorker,
  updateWorker,
  type WorkerFields,
} from './workers.repository';

export const MIN_WORKING_AGE = 16;

export interface WorkerServiceDeps {
  crypto: FieldCrypto;
  clock: Clock;
  /** The worker's own registration needs their consent in force. */
  consents: Pick<ConsentService, 'requireForRegistration'>;
}

const conflict = (messageKey: MessageKey) => new AppError('CONFLICT', { messageKey });

export class WorkerService {
  constructor(private readonly deps: WorkerServiceDeps) {}

  private today(): string {
    return chinaDateOf(this.deps.clock());
  }

  /** Checks what zod cannot (the village exists, working age) and builds the stored fields. */
  toFields(input: WorkerRegistrationData): WorkerFields {
    // Free text (group, certificates, employer, project) sealed here too: spreadsheet rows do not pass the route's sealing.
    const data = sealFreeTextIn(this.deps.crypto, WorkerRegistrationInputSchema, input);
    const today = this.today();
    const id = parseIdNumber(data.idNumber, today);
    const problems: Record<string, MessageKey> = {};
    if (!id.valid) problems.idNumber = `validation.idNumber.${id.problem}`;
    else if (ageOn(id.birthDate, today) < MIN_WORKING_AGE) problems.idNumber = 'validation.idNumber.tooYoung';
    const village = findRegion(data.householdRegionCode);
    if (!village || village.level !== 'village') problems.householdRegionCode = 'validation.regionCode.notFound';
    if (!id.valid || Object.keys(problems).length > 0) throw new ValidationError(problems);
    const { crypto } = this.deps;
    return {
      idIndex: crypto.blindIndex('idNumber', id.idNumber),
      idEnc: crypto.encrypt('idNumber', id.idNumber),
      name: data.name,
      birthDate: id.birthDate,
      sex: id.sex,
      ethnicity: data.ethnicity,
      phoneIndex: crypto.blindIndex('phone', data.phone),
      phoneEnc: crypto.encrypt('phone', data.phone),
      education: data.education,
      household: { regionCode: data.householdRegionCode, countyCode: data.householdRegionCode.slice(0, 6), group: data.householdGroup },
      keyGroups: data.keyGroups,
      mobility: data.mobility,
      skills: data.skills,
      certificates: data.certificates,
      jobIntention: data.jobIntention,
      trainingIntention: data.trainingIntention,
      employment: data.employment,
      entrepreneurship: data.entrepreneurship,
    };
  }

  /** The API shape: masked, with age and region name derived. */
  toRegistration(record: WorkerRecord): WorkerRegistration {
    const { crypto } = this.deps;
    const destination = record.employment.destination;
    return {
      id: record._id.toHexString(),
      name: record.name,
      idNumberMasked: maskIdNumber(crypto.decrypt('idNumber', record.idEnc)),
      birthDate: record.birthDate,
      age: ageOn(record.birthDate, this.today()),
      sex: record.sex,
      ethnicity: record.ethnicity,
      phoneMasked: maskMobilePhone(crypto.decrypt('phone', record.phoneEnc)),
      education: record.education,
      household: {
        regionCode: record.household.regionCode,
        regionName: regionFullName(record.household.regionCode) ?? record.household.regionCode,
        group: record.household.group,
      },
      keyGroups: record.keyGroups,
      mobility: record.mobility,
      skills: record.skills.map((s) => ({ trade: s.trade ?? '', level: s.level ?? 'none' })),
      certificates: record.certificates.map((c) => ({
        name: c.name ?? '',
        ...(c.number ? { number: c.number } : {}),
        ...(c.issuedOn ? { issuedOn: c.issuedOn } : {}),
      })),
      jobIntention: {
        wantsJob: record.jobIntention.wantsJob,
        trades: record.jobIntention.trades,
        locations: record.jobIntention.locations,
        expectedMonthlyPayFen: record.jobIntention.expectedMonthlyPayFen ?? null,
      },
      trainingIntention: { wantsTraining: record.trainingIntention.wantsTraining, trades: record.trainingIntention.trades },
      employment: {
        status: record.employment.status,
        destination: destination
          ? {
              location: destination.location,
              ...(destination.regionCode ? { regionCode: destination.regionCode } : {}),
              ...(destination.employerName ? { employerName: destination.employerName } : {}),
              ...(destination.trade ? { trade: destination.trade } : {}),
              ...(destination.startedOn ? { startedOn: destination.startedOn } : {}),
              organizedByGovernment: destination.organizedByGovernment ?? false,
            }
          : null,
      },
      entrepreneurship: {
        active: record.entrepreneurship?.active ?? false,
        ...(record.entrepreneurship?.project ? { project: record.entrepreneurship.project } : {}),
        ...(record.entrepreneurship?.startedOn ? { startedOn: record.entrepreneurship.startedOn } : {}),
        ...(typeof record.entrepreneurship?.employs === 'number' ? { employs: record.entrepreneurship.employs } : {}),
      },
      source: record.source,
      claimed: record.ownerLoginId !== undefined && record.ownerLoginId !== null,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
    };
  }

  private result(outcome: RegistrationOutcome, record: WorkerRecord): WorkerRegistrationResult {
    return { outcome, worker: this.toRegistration(record) };
  }

  async getMine(auth: AuthContext): Promise<WorkerRegistration> {
    const mine = await findWorkerOwnedBy(auth.subjectId);
    if (mine) return this.toRegistration(mine);
    // A registration waiting for the ownership check reads back as the person submitted it.
    const held = await openConflictOf(auth.subjectId);
    if (!held) throw new NotFoundError('error.workerNotRegistered');
    return this.toRegistration(this.asSubmitted(auth, held._id, held.fields, held.createdAt));
  }

  /** What the caller submitted, shaped as a record, for an answer that reveals nothing about the one stored. */
  private asSubmitted(auth: AuthContext, id: WorkerRecord['_id'], fields: WorkerFields, at: Date, base?: WorkerRecord): WorkerRecord {
    return {
      ...(base ?? { source: 'worker', createdBy: { role: auth.role, subjectId: auth.subjectId }, claimedAt: null, createdAt: at, tracking: null, verifiedAt: null, verifiedBy: null, watch: null }),
      ...fields,
      _id: base?._id ?? id,
      updatedAt: at,
    } as WorkerRecord;
  }

  /**
   * The ID number is held by another login: if this login proved the phone on the record, the record
   * comes back to it at once; otherwise the submission waits for staff (answered as `outcome`).
   */
  private async squatted(auth: AuthContext, held: WorkerRecord, fields: WorkerFields, mine: WorkerRecord | null): Promise<WorkerRegistrationResult> {
    const loginPhone = await findLoginPhoneIndex(auth.subjectId);
    if (!mine && loginPhone && this.deps.crypto.sameIndex(loginPhone, held.phoneIndex)) {
      const back = await giveRecordTo(held._id, held.ownerLoginId, auth.subjectId, fields, this.deps.clock());
      if (back) return this.result('claimed', back);
    }
    const conflict = await holdForOwnershipCheck(auth.subjectId, held, fields);
    return mine ? this.result('updated', this.asSubmitted(auth, mine._id, fields, this.deps.clock(), mine)) : this.result('created', this.asSubmitted(auth, conflict._id, fields, conflict.createdAt));
  }

  /** PUT my registration: create, update, or claim the record a broker or staff entered. */
  async saveMine(auth: AuthContext, data: WorkerRegistrationData): Promise<WorkerRegistrationResult> {
    const fields = this.toFields(data);
    await this.deps.consents.requireForRegistration(auth);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [mine, byId] = await Promise.all([findWorkerOwnedBy(auth.subjectId), findWorkerByIdIndex(fields.idIndex)]);
      if (mine) {
        if (byId && !byId._id.equals(mine._id)) return this.squatted(auth, byId, fields, mine);
        const updated = await this.update(mine._id, fields);
        return this.result('updated', updated);
      }
      if (byId) {
        if (byId.ownerLoginId) return this.squatted(auth, byId, fields, null);
        const claimed = await this.claim(auth, byId, fields);
        if (claimed) return this.result('claimed', claimed);
        continue; // someone claimed it in between: look again
      }
      try {
        // The record and its PES outbox item are stored together (one transaction).
        const created = await withPesEvents(
          async () => {
            const w = await insertWorker(fields, {
              source: 'worker',
              createdBy: { role: auth.role, subjectId: auth.subjectId },
              ownerLoginId: auth.subjectId,
              at: this.deps.clock(),
            });
            await linkLoginToWorker(auth.subjectId, w._id);
            return w;
          },
          (w) => [registrationChange('registration', w)],
        );
        return this.result('created', created);
      } catch (err: unknown) {
        if (!isDuplicateKeyError(err)) throw err;
        // The same person registered at the same moment (a retried request): becomes an update.
      }
    }
    throw conflict('error.CONFLICT');
  }

  private async update(id: WorkerRecord['_id'], fields: WorkerFields): Promise<WorkerRecord> {
    try {
      const updated = await withPesEvents(
        () => updateWorker(id, fields),
        (w) => (w ? [registrationChange('registration_update', w)] : []),
      );
      if (!updated) throw new NotFoundError('error.workerNotFound');
      return updated;
    } catch (err: unknown) {
      if (isDuplicateKeyError(err)) throw conflict('error.workerOwnedByOther');
      throw err;
    }
  }

  /** Claims an unowned record when the login proved the phone on it; null when it was taken meanwhile. */
  private async claim(auth: AuthContext, record: WorkerRecord, fields?: WorkerFields): Promise<WorkerRecord | null> {
    const loginPhone = await findLoginPhoneIndex(auth.subjectId);
    if (!loginPhone || !this.deps.crypto.sameIndex(loginPhone, record.phoneIndex)) {
      throw new AppError('CONFLICT', { messageKey: 'error.workerClaimNeedsPhone' });
    }
    return withPesEvents(
      async () => {
        const claimed = await claimWorker(record._id, auth.subjectId, this.deps.clock(), fields);
        if (claimed) await linkLoginToWorker(auth.subjectId, claimed._id);
        return claimed;
      },
      (w) => (w ? [registrationChange('registration_update', w)] : []),
    );
  }

  /** Records others entered with the phone this login proved, not yet claimed (none once the login has its own). */
  async claimableMine(auth: AuthContext): Promise<ClaimableRecordList> {
    const [loginPhone, mine] = await Promise.all([findLoginPhoneIndex(auth.subjectId), findWorkerOwnedBy(auth.subjectId)]);
    if (!loginPhone || mine) return { items: [] };
    const rows = await findUnclaimedByPhone(loginPhone);
    return {
      items: rows.map((w) => ({
        nameMasked: maskPersonName(w.name),
        householdRegionCode: w.household.regionCode,
        householdRegionName: regionFullName(w.household.regionCode) ?? w.household.regionCode,
        source: w.source === 'staff' ? 'staff' : 'broker',
        createdAt: w.createdAt.toISOString(),
      })),
    };
  }

  /** POST claim: ID number + phone of a record a broker or staff entered (the phone proven at sign-in when omitted). */
  async claimMine(auth: AuthContext, input: WorkerClaimRequest): Promise<WorkerRegistrationResult> {
    await this.deps.consents.requireForRegistration(auth);
    const { crypto } = this.deps;
    const idIndex = crypto.blindIndex('idNumber', input.idNumber);
    const phoneIndex = input.phone ? crypto.blindIndex('phone', input.phone) : await findLoginPhoneIndex(auth.subjectId);
    const mine = await findWorkerOwnedBy(auth.subjectId);
    if (mine) {
      if (mine.idIndex === idIndex) return this.result('claimed', mine);
      throw conflict('error.workerOwnedByOther');
    }
    const record = await findWorkerByIdIndex(idIndex);
    // The same answer whether the number is unknown, owned or the phone differs: no probing.
    const mismatch = new AppError('NOT_FOUND', { messageKey: 'error.workerClaimMismatch' });
    if (!record || record.ownerLoginId || !phoneIndex || !crypto.sameIndex(record.phoneIndex, phoneIndex)) throw mismatch;
    const claimed = await this.claim(auth, record);
    if (!claimed) throw mismatch;
    return this.result('claimed', claimed);
  }

  /** Brokers and staff enter (or update) a record for someone in their region. */
  async saveForSomeone(auth: AuthContext, data: WorkerRegistrationData): Promise<WorkerRegistrationResult> {
    await assertCertifiedBroker(auth);
    const fields = this.toFields(data);
    this.assertInScope(auth, fields.household.regionCode);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const existing = await findWorkerByIdIndex(fields.idIndex);
      if (existing) {
        this.assertInScope(auth, existing.household.regionCode);
        if (auth.role === 'broker') {
          if (existing.ownerLoginId) throw new AppError('FORBIDDEN', { messageKey: 'error.workerClaimed' });
          if (existing.createdBy.subjectId !== auth.subjectId) throw conflict('error.workerOwnedByOther');
        }
        // Keep the person's own proven phone on a claimed record unless staff change it on purpose.
        return this.result('updated', await this.update(existing._id, fields));
      }
      try {
        const source = auth.role === 'broker' ? 'broker' : 'staff';
        const created = await withPesEvents(
          () => insertWorker(fields, { source, createdBy: { role: auth.role, subjectId: auth.subjectId }, at: this.deps.clock() }),
          (w) => [registrationChange('registration', w)],
        );
        return this.result('created', created);
      } catch (err: unknown) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw conflict('error.CONFLICT');
  }

  /** One record for staff (in scope), admin, or the broker who entered it; 404 for anyone else. */
  async getForStaff(auth: AuthContext, id: string): Promise<WorkerRegistration> {
    const record = await findWorkerById(id);
    if (!record || !this.canSee(auth, record)) throw new NotFoundError('error.workerNotFound');
    return this.toRegistration(record);
  }

  private canSee(auth: AuthContext, record: WorkerRecord): boolean {
    if (auth.role === 'admin') return true;
    if (auth.role === 'broker') return record.createdBy.subjectId === auth.subjectId;
    if (auth.role === 'staff') return auth.regionScope === null || isWithinRegion(record.household.regionCode, auth.regionScope);
    return false;
  }

  private assertInScope(auth: AuthContext, regionCode: string): void {
    if (auth.role === 'admin' || auth.regionScope === null) return;
    if (!isWithinRegion(regionCode, auth.regionScope)) throw new AppError('FORBIDDEN', { messageKey: 'error.workerOutOfScope' });
  }
}
