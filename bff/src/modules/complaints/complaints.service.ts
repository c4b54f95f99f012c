/**
 * Wage-arrears complaints: a worker files with whatever they know (容缺受理), gets a case number,
 * adds evidence, and follows the timeline and statutory clocks; intake staff of the case's region
 * move it along. Anyone else gets 404, as if the case did not exist.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Types } from 'mongoose';
import {
  EVIDENCE_MAX_FILES,
  canMoveComplaint,
  complaintClocks,
  isGroupCase,
  ComplaintWarningKeys,
  isOlderWorker,
  isValidAwardExtension,
  maskMobilePhone,
  missingComplaintItems,
  shanghaiDayNumber,
  t,
  type Complaint,
  type ComplaintCreate,
  type ComplaintDecision,
  type ComplaintListQuery,
  type ComplaintListResponse,
  type ComplaintOutcome,
  type ComplaintStatus,
  type ComplaintSummary,
  type ComplaintSupplement,
  type EvidenceContentType,
  type TimelineNote,
  type StatutoryClock,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import { afterDesc, decodeKeyset, encodeKeyset } from '../../db/cursor';
import { regionFullName } from '../regions/regions.service';
import { ComplaintModel, nextSequence, type ComplaintRecord } from './complaint.model';
import { caseListFilter, loadCase } from './case-access';
import { jurisdictionOf, officeParamOf, routeCase } from './jurisdiction';
import { deleteEvidence, openEvidence, receiveEvidence, tooManyEvidence } from './evidence.store';
import { caseEventChange, complaintChange, withPesEvents } from '../../integrations/pes/pes-events';
import { maskSealed, sealFreeText, sealOptional } from '../../security/sealed-text';
import { supplementChange } from './supplements';
import { entryView, note, noteFields } from './timeline-notes';

/** Seals the bank card number and the respondent's phone (FieldCrypto satisfies it). */
export interface BankCardSealer {
  encrypt(field: 'bankCard' | 'phone', plaintext: string): string;
  decrypt(field: 'phone', sealed: string): string;
}

/** What the registration record tells about the worker filing. */
export interface WorkerFacts {
  age: number | null;
  /** Household (户籍) region, county or finer. */
  householdRegionCode: string | null;
  /** 重点群体 the registration lists (priority). */
  keyGroups?: readonly string[];
  /** The registration record's id. */
  workerId?: string;
}

export interface WorkerFactsSource {
  factsOf(auth: AuthContext): Promise<WorkerFacts | null>;
}

export interface ComplaintsDeps {
  crypto: BankCardSealer;
  clock: Clock;
  workers: WorkerFactsSource;
}

export type Viewer = Pick<AuthContext, 'subjectId' | 'role' | 'regionScope' | 'workerId'>;

const notFound = () => new NotFoundError('error.complaintNotFound');
const iso = (d: Date) => d.toISOString();

/** Shanghai calendar date as YYYYMMDD. */
function shanghaiDate(at: Date): string {
  const d = new Date(shanghaiDayNumber(at) * 86_400_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** A statutory clock as the API shows it (ISO times). */
export function clockView(c: StatutoryClock): Complaint['clocks'][number] {
  return {
    kind: c.kind,
    startedAt: c.startedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    stoppedAt: c.stoppedAt ? c.stoppedAt.toISOString() : null,
    state: c.state,
    daysLeft: c.daysLeft,
    extensionDays: c.extensionDays,
  };
}

export class ComplaintsService {
  constructor(private readonly deps: ComplaintsDeps) {}

  toComplaint(r: ComplaintRecord): Complaint {
    const now = this.deps.clock();
    const respondent = r.respondent ?? { kind: 'employer' as const, name: '', phoneEnc: null };
    const respondentPhone = respondent.phoneEnc ? this.deps.crypto.decrypt('phone', respondent.phoneEnc) : null;
    const missing = missingComplaintItems({
      caseType: r.caseType,
      respondentPhone,
      projectName: r.project?.name,
      projectRegionCode: r.project?.regionCode,
      projectAddress: r.project?.address,
      mainContractor: r.mainContractor,
      workFrom: r.workFrom,
      workTo: r.workTo,
      amountOwedFen: r.amountOwedFen,
      hasBankCard: r.bankCard !== null && r.bankCard !== undefined,
      evidenceCount: r.evidence.length,
    });
    const warnings: Complaint['warnings'] = [];
    if (isOlderWorker(r.ageAtFiling)) warnings.push({ code: 'older_worker', message: t(ComplaintWarningKeys.older_worker) });
    if (isGroupCase(r.coWorkersOwed)) warnings.push({ code: 'group_case', message: t(ComplaintWarningKeys.group_case) });
    const clocks = complaintClocks(
      { receivedAt: r.receivedAt, decidedAt: r.decidedAt, acceptedAt: r.acceptedAt, awardExtensionDays: r.awardExtensionDays ?? 0, closedAt: r.closedAt },
      now,
    );
    const regionCode = r.project?.regionCode ?? null;
    return {
      id: r._id.toHexString(),
      caseNumber: r.caseNumber,
      status: r.status,
      caseType: r.caseType,
      respondent: { kind: respondent.kind, name: respondent.name, phoneMasked: respondentPhone ? maskMobilePhone(respondentPhone) : null },
      project: {
        name: r.project?.name ?? null,
        regionCode,
        regionName: regionCode ? regionFullName(regionCode) : null,
        address: maskSealed(r.project?.address ?? null),
      },
      mainContractor: maskSealed(r.mainContractor ?? null),
      workPeriod: { from: r.workFrom ?? null, to: r.workTo ?? null },
      amountOwedFen: r.amountOwedFen ?? null,
      coWorkersOwed: r.coWorkersOwed,
      groupCase: isGroupCase(r.coWorkersOwed),
      demands: r.demands as Complaint['demands'],
      demandNote: maskSealed(r.demandNote ?? null),
      bankCard: r.bankCard ? { cardMasked: `**** **** **** ${r.bankCard.last4}`, bankName: r.bankCard.bankName ?? null, holderName: r.bankCard.holderName ?? null } : null,
      evidence: r.evidence.map((e) => ({
        id: e.fileId.toHexString(),
        filename: e.filename,
        contentType: e.contentType as EvidenceContentType,
        size: e.size,
        uploadedAt: iso(e.uploadedAt),
      })),
      missingItems: missing.map((code) => ({ code, message: t(`complaint.missing.${code}`) })),
      warnings,
      timeline: r.timeline.map((e) => entryView(e)),
      clocks: clocks.map(clockView),
      rejectionReason: maskSealed(r.rejectionReason ?? null),
      outcome: (r.outcome as ComplaintOutcome | null) ?? null,
      jurisdiction: jurisdictionOf(r),
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    };
  }

  private toSummary(r: ComplaintRecord): ComplaintSummary {
    const full = this.toComplaint(r);
    return {
      id: full.id,
      caseNumber: full.caseNumber,
      status: full.status,
      caseType: full.caseType,
      respondentName: full.respondent.name,
      amountOwedFen: full.amountOwedFen,
      groupCase: full.groupCase,
      missingCount: full.missingItems.length,
      office: full.jurisdiction.office,
      officeRef: full.jurisdiction.officeRef,
      createdAt: full.createdAt,
    };
  }

  /** Files a complaint; never refused for missing items. */
  async file(viewer: Viewer, input: ComplaintCreate): Promise<Complaint> {
    const now = this.deps.clock();
    const facts = await this.deps.workers.factsOf(viewer as AuthContext);
    // The worksite's county handles the case; without one, the home county's triage (需确定管辖).
    const routing = routeCase(input.project?.regionCode, facts?.householdRegionCode);
    const county = routing.intakeRegionCode ?? '000000';
    const office = officeParamOf(routing.intakeRegionCode);
    const routed = office ? noteFields(this.deps.crypto, [note(routing.needsJurisdiction ? 'complaint.step.triage' : 'complaint.step.routed', { office })]) : { note: null };
    const day = shanghaiDate(now);
    const seq = await nextSequence(`complaint:${county}:${day}`);
    const card = input.bankCard;
    // The case and its PES outbox item are stored together (one transaction).
    const created = await withPesEvents(() => ComplaintModel.create({
      caseNumber: `${county}-${day}-${String(seq).padStart(4, '0')}`,
      filedBy: viewer.subjectId,
      workerId: viewer.workerId ?? facts?.workerId ?? null,
      ...routing,
      keyGroupWorker: (facts?.keyGroups?.length ?? 0) > 0,
      status: 'submitted',
      caseType: input.caseType,
      respondent: {
        kind: input.respondent.kind,
        name: input.respondent.name,
        phoneEnc: input.respondent.phone ? this.deps.crypto.encrypt('phone', input.respondent.phone) : null,
      },
      // Personal numbers typed into free text are sealed like the structured ones.
      project: { name: input.project?.name ?? null, regionCode: input.project?.regionCode ?? null, address: sealOptional(this.deps.crypto, input.project?.address ?? null) },
      mainContractor: sealOptional(this.deps.crypto, input.mainContractor ?? null),
      workFrom: input.workPeriod?.from ?? null,
      workTo: input.workPeriod?.to ?? null,
      amountOwedFen: input.amountOwedYuan ?? null,
      coWorkersOwed: input.coWorkersOwed,
      demands: input.demands,
      demandNote: sealOptional(this.deps.crypto, input.demandNote ?? null),
      bankCard: card
        ? { numberEnc: this.deps.crypto.encrypt('bankCard', card.cardNumber), last4: card.cardNumber.slice(-4), bankName: card.bankName ?? null, holderName: card.holderName ?? null }
        : null,
      evidence: [],
      ageAtFiling: facts?.age ?? null,
      timeline: [{ status: 'submitted', at: now, ...routed, by: viewer.subjectId }],
      receivedAt: now,
    }), (doc) => [complaintChange(doc.toObject<ComplaintRecord>())]);
    return this.toComplaint(created.toObject<ComplaintRecord>());
  }

  private async findVisible(viewer: Viewer, id: string, need: 'see' | 'act' = 'see'): Promise<ComplaintRecord> {
    return (await loadCase(viewer, id, need)).record;
  }

  async get(viewer: Viewer, id: string): Promise<Complaint> {
    return this.toComplaint(await this.findVisible(viewer, id));
  }

  /** Workers: their own cases. Intake: the cases of their region. Newest first. */
  async list(viewer: Viewer, query: ComplaintListQuery): Promise<ComplaintListResponse> {
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const scope = caseListFilter(viewer);
    if (!scope) return { items: [], nextCursor: null };
    const filter: Record<string, unknown> = { ...scope };
    if (query.status) filter.status = query.status;
    if (after) filter.$and = [afterDesc('createdAt', after)];
    const rows = await ComplaintModel.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean<ComplaintRecord[]>()
      .exec();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => this.toSummary(r)), nextCursor: rows.length > query.limit && last ? encodeKeyset(last.createdAt, last._id) : null };
  }

  /** Adds uploaded evidence (multipart) to the worker's own case, at most 9 files in all. */
  async addEvidence(viewer: Viewer, id: string, req: IncomingMessage): Promise<Complaint> {
    const r = await this.findVisible(viewer, id);
    if (r.filedBy !== viewer.subjectId) throw notFound();
    const room = EVIDENCE_MAX_FILES - r.evidence.length;
    const stored = await receiveEvidence(req, { maxFiles: room, metadata: { complaintId: r._id, uploadedBy: viewer.subjectId } });
    const now = this.deps.clock();
    const entries = stored.map((s) => ({ ...s, uploadedAt: now }));
    // Concurrent uploads cannot pass the limit together.
    const updated = await ComplaintModel.findOneAndUpdate(
      { _id: r._id, $expr: { $lte: [{ $add: [{ $size: '$evidence' }, entries.length] }, EVIDENCE_MAX_FILES] } },
      {
        $push: {
          evidence: { $each: entries },
          // Officer and worker see each addition on the timeline (under the case's current status).
          timeline: { status: r.status, at: now, ...noteFields(this.deps.crypto, [note('complaint.step.evidenceAdded', { count: entries.length })]), by: viewer.subjectId, action: 'evidence_added' },
        },
      },
      { returnDocument: 'after' },
    )
      .lean<ComplaintRecord>()
      .exec();
    if (!updated) {
      await deleteEvidence(stored.map((s) => s.fileId));
      throw tooManyEvidence();
    }
    return this.toComplaint(updated);
  }

  /**
   * Adds one missing item (容缺) to the worker's own open case, with a timeline entry. The update
   * only applies to the case as it was read (updatedAt), so two additions never overwrite each other;
   * a retried request with the same Idempotency-Key gets the first answer from the route layer.
   */
  async supplement(viewer: Viewer, id: string, input: ComplaintSupplement): Promise<Complaint> {
    const r = await this.findVisible(viewer, id);
    if (r.filedBy !== viewer.subjectId) throw notFound();
    if (r.status === 'rejected' || r.status === 'closed') throw new ConflictError('error.complaintClosedNoSupplement');
    const missing = this.toComplaint(r).missingItems.map((m) => m.code);
    if (!missing.includes(input.item)) throw new ConflictError('error.complaintItemNotMissing');
    const change = supplementChange(this.deps.crypto, r, input);
    const now = this.deps.clock();
    const updated = await ComplaintModel.findOneAndUpdate(
      { _id: r._id, updatedAt: r.updatedAt },
      {
        $set: change.set,
        $push: { timeline: { status: r.status, at: now, ...noteFields(this.deps.crypto, [change.note]), by: viewer.subjectId, action: 'supplement' } },
      },
      { returnDocument: 'after' },
    )
      .lean<ComplaintRecord>()
      .exec();
    if (!updated) throw new ConflictError();
    return this.toComplaint(updated);
  }

  async openEvidence(viewer: Viewer, id: string, fileId: string): Promise<{ stream: Readable; contentType: string; filename: string; size: number }> {
    const r = await this.findVisible(viewer, id);
    const file = r.evidence.find((e) => e.fileId.toHexString() === fileId);
    if (!file) throw notFound();
    return { stream: openEvidence(new Types.ObjectId(fileId)), contentType: file.contentType, filename: file.filename, size: file.size };
  }

  /** An intake officer's step: accept, not accept (with reason), mediate, arbitrate, extend the award period once, close. */
  async decide(viewer: Viewer, id: string, decision: ComplaintDecision): Promise<Complaint> {
    if (viewer.role !== 'intake') throw notFound();
    const r = await this.findVisible(viewer, id, 'act');
    const now = this.deps.clock();
    // A free-text reason stays text; server-written notes go as codes (and their Chinese text).
    const entry = (status: ComplaintStatus, text: string | TimelineNote | null) => ({
      status,
      at: now,
      ...(text !== null && typeof text === 'object' ? noteFields(this.deps.crypto, [text]) : { note: sealOptional(this.deps.crypto, text) }),
      by: viewer.subjectId,
    });
    const move = async (to: ComplaintStatus, set: Record<string, unknown>, text: string | TimelineNote | null) => {
      if (!canMoveComplaint(r.status, to)) throw new ConflictError('error.complaintTransition');
      return withPesEvents(
        () =>
          ComplaintModel.findOneAndUpdate({ _id: r._id, status: r.status }, { $set: { status: to, ...set }, $push: { timeline: entry(to, text) } }, { returnDocument: 'after' })
            .lean<ComplaintRecord>()
            .exec(),
        (u) => (u ? caseEventChange(u) : []),
      );
    };
    let updated: ComplaintRecord | null;
    switch (decision.action) {
      case 'accept':
        updated = await move('accepted', { decidedAt: now, acceptedAt: now }, null);
        break;
      case 'reject':
        updated = await move('rejected', { decidedAt: now, rejectionReason: sealFreeText(this.deps.crypto, decision.reason) }, decision.reason);
        break;
      case 'mediate':
        updated = await move('mediating', {}, null);
        break;
      case 'arbitrate':
        updated = await move('arbitrating', {}, null);
        break;
      case 'close': {
        const outcome = `complaint.outcome.${decision.outcome}` as const;
        updated = await move('closed', { closedAt: now, outcome: decision.outcome }, decision.note ? note('complaint.step.closedNote', { outcome: { key: outcome }, note: decision.note }) : note(outcome));
        break;
      }
      case 'extend': {
        const open: ComplaintStatus[] = ['accepted', 'mediating', 'arbitrating'];
        if (!open.includes(r.status)) throw new ConflictError('error.complaintTransition');
        if (!isValidAwardExtension(decision.days)) throw new ValidationError({ days: 'error.awardExtended' });
        updated = await withPesEvents(
          () =>
            ComplaintModel.findOneAndUpdate(
              { _id: r._id, status: r.status, awardExtensionDays: 0 },
              { $set: { awardExtensionDays: decision.days }, $push: { timeline: entry(r.status, note('complaint.extended', { days: decision.days, reason: decision.reason })) } },
              { returnDocument: 'after' },
            )
              .lean<ComplaintRecord>()
              .exec(),
          (u) => (u ? caseEventChange(u) : []),
        );
        if (!updated) throw new ConflictError('error.awardExtended');
        break;
      }
    }
    if (!updated) throw new ConflictError('error.complaintTransition');
    return this.toComplaint(updated);
  }
}
