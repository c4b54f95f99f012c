/**
 * The arbitration green channel (staff console): the intake queue with statutory clocks and
 * priorities, filing for walk-ins and callers (oral application, the worker confirms later), and
 * every intake step. Each step leaves a timeline entry the worker sees, an audit entry, and a
 * notification to the worker. Plain decisions go through ComplaintsService.decide.
 */
import { Types } from 'mongoose';
import {
  complaintClocks,
  endOfWorkingDaysAfter,
  fenToYuanText,
  INSPECTION_ACCEPT_WORKING_DAYS,
  INSPECTION_EXTENSION_WORKING_DAYS,
  INSPECTION_INVESTIGATE_WORKING_DAYS,
  isGroupCase,
  isOlderWorker,
  ageOn,
  chinaDateOf,
  maskIdNumber,
  maskMobilePhone,
  regionCodePath,
  regionLevelOf,
  shanghaiDayNumber,
  t,
  HandoffToSchema,
  type CaseAccess,
  type Complaint,
  type ComplaintStatus,
  type Complainant,
  type IntakeAction,
  type IntakeQueue,
  type IntakeQueueItem,
  type StaffComplaintCreate,
  type StatutoryClock,
  type TimelineNote,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { maskSealed, sealOptional, sealTextFields } from '../../security/sealed-text';
import type { RetryRun } from '../../integrations/notify/notifier';
import { inTransaction } from '../../integrations/pes/outbox';
import { WorkerLogin } from '../auth/worker-login.model';
import type { AuditService } from '../audit/audit.service';
import { Worker } from '../workers/worker.model';
import { inScope } from '../staff/scope';
import { settingsFor, type IntakeSettings } from '../staff/region-settings';
import { findRegion, regionFullName } from '../regions/regions.service';
import { ComplaintModel, nextSequence, type ComplaintRecord } from './complaint.model';
import { clockView, type ComplaintsService } from './complaints.service';
import { caseListFilter, loadCase, type CaseAccessLevel } from './case-access';
import { queueStepNotice, type CaseNoticeSender } from './case-notices';
import { countyName, countyOf, officeParamOf, routeCase } from './jurisdiction';
import { entryView, note, noteFields, notesText } from './timeline-notes';

export interface IntakeDeps {
  complaints: ComplaintsService;
  crypto: FieldCrypto;
  clock: Clock;
  audit: AuditService;
  /** Delivers queued case notices in the background. */
  notices: CaseNoticeSender;
  /** Recomputes the four-color watch of a registered worker (an open complaint makes it yellow). */
  onWorkerCase?: (workerId: string) => Promise<void>;
}

const OPEN: ComplaintStatus[] = ['submitted', 'accepted', 'mediating', 'arbitrating'];
const notFound = () => new NotFoundError('error.complaintNotFound');
const yuan = (fen: number) => fenToYuanText(fen);
const iso = (d: Date) => d.toISOString();

type Extra = Partial<{
  channel: string;
  oralRecord: string | null;
  workerName: string | null;
  workerPhoneEnc: string | null;
  workerPhoneIndex: string | null;
  workerConfirmedAt: Date | null;
  keyGroupWorker: boolean;
  mediation: { record?: string | null; agreement?: string | null; agreedAmountFen?: number | null; succeeded?: boolean | null; at?: Date | null } | null;
  referral: {
    to?: string | null;
    at?: Date | null;
    note?: string | null;
    acceptDueAt?: Date | null;
    investigateDueAt?: Date | null;
    extended?: boolean | null;
    office?: string | null;
    dueAt?: Date | null;
    answer?: string | null;
    answeredAt?: Date | null;
  } | null;
  procedure: string | null;
  finalAward: boolean | null;
  hearingAt: Date | null;
  advanceExecution: { amountFen?: number | null; at?: Date | null; note?: string | null } | null;
  award: { amountFen?: number | null; summary?: string | null; at?: Date | null; final?: boolean | null } | null;
  extensionApproval: { approvedBy?: string | null; reason?: string | null; at?: Date | null } | null;
  amountRecoveredFen: number | null;
  homeRegionCode: string | null;
  needsJurisdiction: boolean;
  transfers: Array<{ fromRegionCode?: string | null; toRegionCode?: string | null; reason?: string | null; at?: Date | null; by?: string | null }>;
}>;
type Rec = ComplaintRecord & Extra;

export class IntakeService {
  constructor(private readonly deps: IntakeDeps) {}

  private settingsCache = new Map<string, { at: number; value: IntakeSettings }>();

  private async settings(code: string | null | undefined): Promise<IntakeSettings> {
    const key = code ?? '00';
    const hit = this.settingsCache.get(key);
    const now = Date.now();
    if (hit && now - hit.at < 5_000) return hit.value;
    const value = (await settingsFor(code ?? '11')).intake;
    this.settingsCache.set(key, { at: now, value });
    return value;
  }

  /** Same rules for every channel (online, walk-in, phone): group case, key group, large amount, 60+, near a deadline. */
  private priority(r: Rec, s: IntakeSettings, now: Date): IntakeQueueItem['priority'] {
    const reasons: IntakeQueueItem['priority']['reasons'] = [];
    let score = 0;
    const add = (reason: IntakeQueueItem['priority']['reasons'][number], points: number) => {
      reasons.push(reason);
      score += points;
    };
    if (isGroupCase(r.coWorkersOwed)) add('group_case', 3);
    if (r.keyGroupWorker) add('key_group', 2);
    if ((r.amountOwedFen ?? 0) >= s.largeAmountFen) add('large_amount', 2);
    if (isOlderWorker(r.ageAtFiling)) add('older_worker', 1);
    const running = this.clocks(r, now).find((c) => c.stoppedAt === null && (c.state === 'running' || c.state === 'overdue'));
    if (OPEN.includes(r.status) && running?.state === 'running' && (running.daysLeft ?? 99) <= s.dueSoonDays) add('near_deadline', 2);
    return { score, reasons };
  }

  private clocks(r: Rec, now: Date): StatutoryClock[] {
    return complaintClocks(
      {
        receivedAt: r.receivedAt,
        decidedAt: r.decidedAt,
        acceptedAt: r.acceptedAt,
        awardExtensionDays: r.awardExtensionDays ?? 0,
        // The award clock stops at the award (or when the case closes before one).
        closedAt: r.award?.at ?? r.closedAt,
      },
      now,
    );
  }

  /** The complainant: the registration when there is one, else what was taken at filing; phone and ID masked. */
  private async complainant(r: Rec): Promise<Complainant> {
    const { crypto } = this.deps;
    const w = r.workerId && Types.ObjectId.isValid(r.workerId) ? await Worker.findById(r.workerId).lean().exec() : null;
    let phoneEnc = w?.phoneEnc ?? r.workerPhoneEnc ?? null;
    if (!phoneEnc && Types.ObjectId.isValid(r.filedBy)) phoneEnc = (await WorkerLogin.findById(r.filedBy, { phoneEnc: 1 }).lean().exec())?.phoneEnc ?? null;
    const age = w ? ageOn(w.birthDate, chinaDateOf(this.deps.clock())) : (r.ageAtFiling ?? null);
    const household = w?.household.regionCode ?? r.homeRegionCode ?? null;
    return {
      name: w?.name ?? r.workerName ?? null,
      phoneMasked: phoneEnc ? maskMobilePhone(crypto.decrypt('phone', phoneEnc)) : null,
      idMasked: w ? maskIdNumber(crypto.decrypt('idNumber', w.idEnc)) : null,
      age,
      olderWorker: isOlderWorker(age),
      keyGroups: w ? [...w.keyGroups] : [],
      householdRegionName: household ? regionFullName(household) : null,
    };
  }

  /** The complainant's full phone, for a call: a reason is required and the reveal is audited. */
  async revealPhone(viewer: AuthContext, id: string, reason: string): Promise<{ phone: string }> {
    const { record: r } = await loadCase<Rec>(viewer, id);
    const w = r.workerId && Types.ObjectId.isValid(r.workerId) ? await Worker.findById(r.workerId, { phoneEnc: 1 }).lean().exec() : null;
    let phoneEnc = w?.phoneEnc ?? r.workerPhoneEnc ?? null;
    if (!phoneEnc && Types.ObjectId.isValid(r.filedBy)) phoneEnc = (await WorkerLogin.findById(r.filedBy, { phoneEnc: 1 }).lean().exec())?.phoneEnc ?? null;
    if (!phoneEnc) throw new NotFoundError('error.complainantNoPhone');
    await this.deps.audit.record(viewer, { action: 'reveal', targetType: 'complaint', targetId: id, regionCode: r.intakeRegionCode ?? null, reason, detail: `${r.caseNumber} complainantPhone` });
    return { phone: this.deps.crypto.decrypt('phone', phoneEnc) };
  }

  /** The case as intake staff see it: the worker's view plus the green channel's details. */
  async view(r: Rec, access: CaseAccess = 'act'): Promise<Complaint> {
    const base = this.deps.complaints.toComplaint(r);
    const s = await this.settings(r.intakeRegionCode);
    const now = this.deps.clock();
    const greenDue = endOfWorkingDaysAfter(r.receivedAt, s.greenChannelWorkingDays);
    const clocks = this.clocks(r, now);
    return {
      ...base,
      timeline: r.timeline.map((e) => ({ ...entryView(e), ...((e as { action?: string }).action ? { action: (e as { action?: string }).action } : {}) })),
      clocks: clocks.map(clockView),
      intake: {
        channel: (r.channel as 'online' | 'walk_in' | 'phone' | undefined) ?? 'online',
        oralRecord: maskSealed(r.oralRecord ?? null),
        workerConfirmedAt: r.workerConfirmedAt ? iso(r.workerConfirmedAt) : null,
        priority: this.priority(r, s, now),
        greenChannelDueAt: iso(greenDue),
        greenChannelMet: r.decidedAt ? r.decidedAt <= greenDue : null,
        procedure: (r.procedure as 'simplified' | 'ordinary' | null | undefined) ?? null,
        finalAward: r.finalAward ?? null,
        hearingAt: r.hearingAt ? iso(r.hearingAt) : null,
        mediation: r.mediation?.at
          ? { record: maskSealed(r.mediation.record ?? ''), agreement: maskSealed(r.mediation.agreement ?? null), agreedAmountFen: r.mediation.agreedAmountFen ?? null, succeeded: !!r.mediation.succeeded, at: iso(r.mediation.at) }
          : null,
        referral: r.referral?.at
          ? {
              to: HandoffToSchema.catch('labor_inspection').parse(r.referral.to),
              at: iso(r.referral.at),
              note: maskSealed(r.referral.note ?? null),
              office: r.referral.office ?? null,
              dueAt: r.referral.dueAt ? iso(r.referral.dueAt) : null,
              answer: maskSealed(r.referral.answer ?? null),
              answeredAt: r.referral.answeredAt ? iso(r.referral.answeredAt) : null,
              overdue: IntakeService.handoffOverdue(r, now),
              acceptDueAt: r.referral.acceptDueAt ? iso(r.referral.acceptDueAt) : null,
              investigateDueAt: r.referral.investigateDueAt ? iso(r.referral.investigateDueAt) : null,
              extended: !!r.referral.extended,
            }
          : null,
        advanceExecution: r.advanceExecution?.at ? { amountFen: r.advanceExecution.amountFen ?? 0, at: iso(r.advanceExecution.at), note: maskSealed(r.advanceExecution.note ?? null) } : null,
        award: r.award?.at ? { amountFen: r.award.amountFen ?? 0, summary: maskSealed(r.award.summary ?? ''), at: iso(r.award.at), final: !!r.award.final } : null,
        extensionApproval: r.extensionApproval?.at ? { approvedBy: r.extensionApproval.approvedBy ?? null, reason: r.extensionApproval.reason ?? '', at: iso(r.extensionApproval.at) } : null,
        amountRecoveredFen: r.amountRecoveredFen ?? null,
        workerName: r.workerName ?? null,
        access,
        complainant: await this.complainant(r),
        homeRegionName: countyName(r.homeRegionCode),
        transfers: (r.transfers ?? []).map((x) => ({
          fromRegionCode: x.fromRegionCode ?? null,
          fromRegionName: countyName(x.fromRegionCode),
          toRegionCode: x.toRegionCode ?? '',
          toRegionName: countyName(x.toRegionCode),
          reason: x.reason ?? '',
          at: iso(x.at ?? r.receivedAt),
        })),
      },
    };
  }

  /** A hand-off past its due time without an answer, on an open case. */
  private static handoffOverdue(r: Rec, now: Date): boolean {
    const h = r.referral;
    return !!h?.at && !h.answeredAt && !!h.dueAt && h.dueAt < now && OPEN.includes(r.status);
  }

  /** Staff access only (act / read); a worker's own access is not a staff view. */
  private static staffAccess(a: CaseAccessLevel): CaseAccess {
    return a === 'act' ? 'act' : 'read';
  }

  async get(viewer: AuthContext, id: string): Promise<Complaint> {
    const { record: r, access } = await loadCase<Rec>(viewer, id);
    await this.deps.audit.record(viewer, { action: 'view', targetType: 'complaint', targetId: id, regionCode: r.intakeRegionCode ?? null, detail: r.caseNumber });
    return this.view(r, IntakeService.staffAccess(access));
  }

  /** Open cases of the caller's region: overdue first, then nearly due, then by priority and due time. */
  async queue(
    viewer: AuthContext,
    query: { status?: ComplaintStatus; urgency?: IntakeQueueItem['urgency']; open: 'true' | 'false'; view?: 'mine' | 'following'; limit: number },
  ): Promise<IntakeQueue> {
    const view = query.view ?? 'mine';
    const scope = caseListFilter(viewer, view);
    if (!scope) return { items: [], counts: { overdue: 0, dueSoon: 0, open: 0 } };
    const filter: Record<string, unknown> = { ...scope };
    if (query.status) filter.status = query.status;
    else if (query.open === 'true') filter.status = { $in: OPEN };
    const rows = await ComplaintModel.find(filter).sort({ receivedAt: 1 }).limit(1000).lean<Rec[]>().exec();
    const now = this.deps.clock();
    const items: IntakeQueueItem[] = [];
    for (const r of rows) {
      const s = await this.settings(r.intakeRegionCode);
      const clocks = this.clocks(r, now);
      const current = clocks.filter((c) => c.stoppedAt === null).pop() ?? null;
      const greenDue = endOfWorkingDaysAfter(r.receivedAt, s.greenChannelWorkingDays);
      let urgency: IntakeQueueItem['urgency'] = 'on_track';
      const handoffOverdue = IntakeService.handoffOverdue(r, now);
      if (!OPEN.includes(r.status) || !current) urgency = 'done';
      else if (current.state === 'overdue' || handoffOverdue) urgency = 'overdue';
      else if ((current.daysLeft ?? 99) <= s.dueSoonDays || (r.status === 'submitted' && now > greenDue)) urgency = 'due_soon';
      items.push({
        id: r._id.toHexString(),
        caseNumber: r.caseNumber,
        status: r.status,
        caseType: r.caseType,
        respondentName: r.respondent?.name ?? '',
        workerName: r.workerName ?? null,
        amountOwedFen: r.amountOwedFen ?? null,
        coWorkersOwed: r.coWorkersOwed,
        channel: (r.channel as IntakeQueueItem['channel'] | undefined) ?? 'online',
        priority: this.priority(r, s, now),
        clock: current
          ? { kind: current.kind, startedAt: iso(current.startedAt), dueAt: iso(current.dueAt), stoppedAt: null, state: current.state, daysLeft: current.daysLeft, extensionDays: current.extensionDays }
          : null,
        greenChannelDueAt: iso(greenDue),
        urgency,
        missingCount: this.deps.complaints.toComplaint(r).missingItems.length,
        receivedAt: iso(r.receivedAt),
        needsJurisdiction: r.needsJurisdiction === true,
        handoffOverdue,
        access: view === 'mine' ? 'act' : 'read',
        regionName: countyName(r.intakeRegionCode),
      });
    }
    const rank = { overdue: 0, due_soon: 1, on_track: 2, done: 3 } as const;
    items.sort(
      (a, b) =>
        rank[a.urgency] - rank[b.urgency] ||
        b.priority.score - a.priority.score ||
        (a.clock?.dueAt ?? a.receivedAt).localeCompare(b.clock?.dueAt ?? b.receivedAt),
    );
    const counts = { overdue: items.filter((i) => i.urgency === 'overdue').length, dueSoon: items.filter((i) => i.urgency === 'due_soon').length, open: items.filter((i) => i.urgency !== 'done').length };
    const shown = query.urgency ? items.filter((i) => i.urgency === query.urgency) : items;
    return { items: shown.slice(0, query.limit), counts };
  }

  /** Staff file for a worker who came in or called: the oral application is recorded; the worker confirms later in the app. */
  async fileForWorker(viewer: AuthContext, input: StaffComplaintCreate): Promise<Complaint> {
    const { crypto } = this.deps;
    const now = this.deps.clock();
    let filedBy: string;
    let workerId: string | null = null;
    let workerName = input.workerName ?? null;
    let phone = input.workerPhone ?? null;
    let keyGroupWorker = false;
    let age: number | null = null;
    let household: string | null = null;
    if (input.workerId) {
      const w = await Worker.findById(input.workerId).lean().exec();
      if (!w || !inScope(viewer, w.household.regionCode)) throw new NotFoundError('error.workerNotFound');
      workerId = w._id.toHexString();
      workerName = w.name;
      phone = crypto.decrypt('phone', w.phoneEnc);
      keyGroupWorker = w.keyGroups.length > 0;
      age = ageOn(w.birthDate, chinaDateOf(now));
      household = w.household.regionCode;
      filedBy = w.ownerLoginId ? w.ownerLoginId.toHexString() : `pending:${workerId}`;
    } else {
      const byPhone = phone ? await Worker.findOne({ phoneIndex: crypto.blindIndex('phone', phone) }).lean().exec() : null;
      if (byPhone && inScope(viewer, byPhone.household.regionCode)) {
        keyGroupWorker = byPhone.keyGroups.length > 0;
        workerId = byPhone._id.toHexString();
        household = byPhone.household.regionCode;
      }
      const login = phone ? await WorkerLogin.findOne({ phoneIndex: crypto.blindIndex('phone', phone) }).lean().exec() : null;
      filedBy = login ? login._id.toHexString() : `pending:${new Types.ObjectId().toHexString()}`;
    }
    const c = input.complaint;
    // Same routing as online filing: the worksite's county; unknown → the home (or this office's) county to triage.
    const routing = routeCase(c.project?.regionCode, household ?? viewer.regionScope);
    const intakeRegionCode = routing.intakeRegionCode;
    const county = intakeRegionCode ?? '000000';
    const d = new Date(shanghaiDayNumber(now) * 86_400_000);
    const day = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
    const seq = await nextSequence(`complaint:${county}:${day}`);
    const office = officeParamOf(intakeRegionCode);
    const filedNotes = [
      note('complaint.step.filedByStaff', { channel: { key: `complaint.channel.${input.channel}` } }),
      ...(office ? [note(routing.needsJurisdiction ? 'complaint.step.triage' : 'complaint.step.routed', { office })] : []),
    ];
    const filedNote = notesText(filedNotes);
    const r = await inTransaction(async () => {
    const [created] = await ComplaintModel.create([{
      caseNumber: `${county}-${day}-${String(seq).padStart(4, '0')}`,
      filedBy,
      workerId,
      ...routing,
      status: 'submitted',
      caseType: c.caseType,
      respondent: { kind: c.respondent.kind, name: c.respondent.name, phoneEnc: c.respondent.phone ? this.deps.crypto.encrypt('phone', c.respondent.phone) : null },
      project: { name: c.project?.name ?? null, regionCode: c.project?.regionCode ?? null, address: sealOptional(crypto, c.project?.address ?? null) },
      mainContractor: sealOptional(crypto, c.mainContractor ?? null),
      workFrom: c.workPeriod?.from ?? null,
      workTo: c.workPeriod?.to ?? null,
      amountOwedFen: c.amountOwedYuan ?? null,
      coWorkersOwed: c.coWorkersOwed,
      demands: c.demands,
      demandNote: sealOptional(crypto, c.demandNote ?? null),
      bankCard: c.bankCard
        ? { numberEnc: crypto.encrypt('bankCard', c.bankCard.cardNumber), last4: c.bankCard.cardNumber.slice(-4), bankName: c.bankCard.bankName ?? null, holderName: c.bankCard.holderName ?? null }
        : null,
      evidence: [],
      ageAtFiling: age,
      timeline: [{ status: 'submitted', at: now, ...noteFields(crypto, filedNotes), by: viewer.subjectId, action: 'filed_by_staff' }],
      receivedAt: now,
      channel: input.channel,
      oralRecord: sealOptional(crypto, input.oralRecord),
      workerName,
      workerPhoneEnc: phone ? crypto.encrypt('phone', phone) : null,
      workerPhoneIndex: phone ? crypto.blindIndex('phone', phone) : null,
      workerConfirmedAt: null,
      keyGroupWorker,
    }]);
    if (!created) throw new Error('complaint not created');
    const rec = created.toObject<Rec>();
    await this.deps.audit.record(viewer, { action: 'create', targetType: 'complaint', targetId: rec._id.toHexString(), regionCode: intakeRegionCode, detail: `${rec.caseNumber} ${input.channel}` });
    await queueStepNotice(rec, filedNote, now);
    return rec;
    });
    await this.after(r);
    return this.view(r);
  }

  /** Staff-filed cases waiting for this worker's confirmation (matched by the phone they signed in with). */
  async confirmations(worker: AuthContext): Promise<{ items: Array<{ id: string; caseNumber: string; respondentName: string; oralRecord: string | null; receivedAt: string }> }> {
    const login = await WorkerLogin.findById(worker.subjectId).lean().exec();
    const or: Record<string, unknown>[] = [{ filedBy: worker.subjectId }];
    if (login?.phoneIndex) or.push({ workerPhoneIndex: login.phoneIndex });
    const rows = await ComplaintModel.find({ $or: or, channel: { $in: ['walk_in', 'phone'] }, workerConfirmedAt: null }).sort({ receivedAt: -1 }).limit(20).lean<Rec[]>().exec();
    return { items: rows.map((r) => ({ id: r._id.toHexString(), caseNumber: r.caseNumber, respondentName: r.respondent?.name ?? '', oralRecord: maskSealed(r.oralRecord ?? null), receivedAt: iso(r.receivedAt) })) };
  }

  async confirm(worker: AuthContext, id: string): Promise<Complaint> {
    const login = await WorkerLogin.findById(worker.subjectId).lean().exec();
    if (!Types.ObjectId.isValid(id)) throw new NotFoundError('error.complaintNoConfirm');
    const or: Record<string, unknown>[] = [{ filedBy: worker.subjectId }];
    if (login?.phoneIndex) or.push({ workerPhoneIndex: login.phoneIndex });
    const now = this.deps.clock();
    const updated = await ComplaintModel.findOneAndUpdate(
      { _id: new Types.ObjectId(id), $or: or, workerConfirmedAt: null },
      {
        $set: { filedBy: worker.subjectId, workerConfirmedAt: now, ...(worker.workerId ? { workerId: worker.workerId } : {}) },
        $push: { timeline: { status: 'submitted', at: now, ...noteFields(this.deps.crypto, [note('complaint.step.confirmed')]), by: worker.subjectId, action: 'confirmed' } },
      },
      { returnDocument: 'after' },
    )
      .lean<Rec>()
      .exec();
    if (!updated) throw new NotFoundError('error.complaintNoConfirm');
    // Keep the status-ordered timeline readable: the confirmation sits with the filing.
    return this.deps.complaints.toComplaint(updated);
  }

  private async push(r: Rec, cond: Record<string, unknown>, set: Record<string, unknown>, action: string, step: TimelineNote, viewer: AuthContext, more: Record<string, unknown> = {}): Promise<Rec> {
    const now = this.deps.clock();
    const updated = await ComplaintModel.findOneAndUpdate(
      { _id: r._id, status: r.status, ...cond },
      { $set: sealTextFields(this.deps.crypto, set), $push: { timeline: { status: r.status, at: now, ...noteFields(this.deps.crypto, [step]), by: viewer.subjectId, action }, ...more } },
      { returnDocument: 'after' },
    )
      .lean<Rec>()
      .exec();
    if (!updated) throw new ConflictError('error.complaintTransition');
    return updated;
  }

  /** One intake step; answers the case as intake staff see it. */
  async act(viewer: AuthContext, id: string, action: IntakeAction): Promise<Complaint> {
    if (viewer.role !== 'intake' && viewer.role !== 'admin') throw notFound();
    // The home county follows read-only: acting needs the handling county.
    const { record: r } = await loadCase<Rec>(viewer, id, 'act');
    const now = this.deps.clock();
    const s = await this.settings(r.intakeRegionCode);
    // The step, its audit entry and the worker's notice commit together; delivery happens after, in the background.
    const updated = await inTransaction(() => this.step(viewer, r, action, s, now));
    await this.after(updated);
    return this.view(updated);
  }

  /** Moves the case to another county (or confirms this one); receivedAt and so every clock stay as first received. */
  private async transfer(viewer: AuthContext, r: Rec, toRegionCode: string, reason: string): Promise<{ updated: Rec; step: string }> {
    const to = countyOf(toRegionCode);
    if (!to || regionLevelOf(to) !== 'county' || !findRegion(to)) throw new ValidationError({ toRegionCode: 'error.transferRegion' }, 'error.transferRegion');
    if (!OPEN.includes(r.status)) throw new ConflictError('error.complaintTransition');
    const office = officeParamOf(to) ?? to;
    const same = to === r.intakeRegionCode;
    const stepNote = note(same ? 'complaint.step.jurisdictionConfirmed' : 'complaint.step.transferred', { office, reason, receivedAt: { at: r.receivedAt.toISOString() } });
    const step = notesText([stepNote]);
    const updated = await this.push(
      r,
      { intakeRegionCode: r.intakeRegionCode ?? null },
      { intakeRegionCode: to, intakeRegionPath: regionCodePath(to), needsJurisdiction: false },
      same ? 'jurisdiction_confirmed' : 'transfer',
      stepNote,
      viewer,
      { transfers: { fromRegionCode: r.intakeRegionCode ?? null, toRegionCode: to, reason, at: this.deps.clock(), by: viewer.subjectId } },
    );
    return { updated, step };
  }

  private async step(viewer: AuthContext, r: Rec, action: IntakeAction, s: IntakeSettings, now: Date): Promise<Rec> {
    const id = r._id.toHexString();
    let updated: Rec;
    let step: string;
    const actor: AuthContext = viewer.role === 'admin' ? { ...viewer, role: 'intake', regionScope: null } : viewer;
    switch (action.action) {
      case 'transfer': {
        ({ updated, step } = await this.transfer(viewer, r, action.toRegionCode, action.reason));
        break;
      }
      case 'accept':
      case 'reject':
      case 'mediate':
      case 'arbitrate':
      case 'extend':
      case 'close': {
        await this.deps.complaints.decide(actor, id, action);
        updated = (await ComplaintModel.findById(id).lean<Rec>().exec()) as Rec;
        step = t(`complaint.status.${updated.status}`);
        if (action.action === 'accept') {
          const missing = this.deps.complaints.toComplaint(updated).missingItems;
          step = t('complaint.step.accepted');
          if (missing.length) {
            const n = note('complaint.step.acceptedMissing', { items: { list: missing.map((m) => ({ key: `complaint.missing.${m.code}` })) } });
            step = notesText([n]);
            updated = await this.push(updated, {}, {}, 'accept_missing', n, viewer);
          }
        } else if (action.action === 'reject') {
          step = `${t('complaint.status.rejected')}：${action.reason}`;
        } else if (action.action === 'arbitrate') {
          const claim = updated.amountOwedFen ?? 0;
          const procedure = claim <= s.simplifiedThresholdFen ? 'simplified' : 'ordinary';
          const n = note('complaint.step.arbitrate', { procedure: { key: `complaint.procedure.${procedure}` } });
          step = notesText([n]);
          updated = await this.push(
            updated,
            {},
            { procedure, finalAward: claim > 0 && claim <= 12 * s.monthlyMinimumWageFen, hearingAt: action.hearingAt ? new Date(action.hearingAt) : null },
            'arbitrate',
            n,
            viewer,
          );
        } else if (action.action === 'extend') {
          step = t('complaint.step.extendedApproved', { days: action.days, approvedBy: action.approvedBy ?? '-', reason: action.reason });
          await ComplaintModel.updateOne({ _id: updated._id }, { $set: { extensionApproval: { approvedBy: action.approvedBy ?? null, reason: action.reason, at: now } } });
          updated = (await ComplaintModel.findById(id).lean<Rec>().exec()) as Rec;
        } else if (action.action === 'close') {
          step = t(`complaint.outcome.${action.outcome}`);
          if (action.amountRecoveredYuan !== undefined) {
            const n = note('complaint.step.closedAmount', { outcome: { key: `complaint.outcome.${action.outcome}` }, amount: yuan(action.amountRecoveredYuan) });
            step = notesText([n]);
            updated = await this.push(updated, {}, { amountRecoveredFen: action.amountRecoveredYuan }, 'recovered', n, viewer);
          }
        }
        break;
      }
      case 'mediation_result': {
        if (!['accepted', 'mediating'].includes(r.status)) throw new ConflictError('error.complaintTransition');
        const n = action.succeeded
          ? note('complaint.step.mediationSucceeded', { agreement: action.agreement ?? '', amount: yuan(action.agreedAmountYuan ?? 0) })
          : note('complaint.step.mediationFailed', { record: action.record });
        step = notesText([n]);
        updated = await this.push(
          r,
          {},
          { mediation: { record: action.record, agreement: action.agreement ?? null, agreedAmountFen: action.agreedAmountYuan ?? null, succeeded: action.succeeded, at: now } },
          'mediation_result',
          n,
          viewer,
        );
        break;
      }
      case 'refer': {
        if (!['accepted', 'mediating', 'submitted'].includes(r.status)) throw new ConflictError('error.complaintTransition');
        const inspection = action.to === 'labor_inspection';
        const office = action.office ?? t(`complaint.handoff.${action.to}`);
        const officeParam = action.office ?? { key: `complaint.handoff.${action.to}` };
        // The answer is due on the given day (end of it, Shanghai) or after 5 working days.
        const dueAt = action.dueDate ? new Date(Date.parse(`${action.dueDate}T23:59:59+08:00`)) : endOfWorkingDaysAfter(now, INSPECTION_ACCEPT_WORKING_DAYS);
        const kind = inspection ? 'complaint.step.referInspection' : action.to === 'legal_aid' ? 'complaint.step.referLegalAid' : 'complaint.step.referPolice';
        const n = note('complaint.step.handoffDue', { step: { key: kind }, office: officeParam, date: { day: dueAt.toISOString() } });
        step = notesText([n]);
        updated = await this.push(
          r,
          {},
          {
            referral: {
              to: action.to,
              at: now,
              note: action.note ?? null,
              acceptDueAt: inspection ? endOfWorkingDaysAfter(now, INSPECTION_ACCEPT_WORKING_DAYS) : null,
              investigateDueAt: inspection ? endOfWorkingDaysAfter(now, INSPECTION_INVESTIGATE_WORKING_DAYS) : null,
              extended: false,
              office,
              dueAt,
              answer: null,
              answeredAt: null,
            },
          },
          'refer',
          n,
          viewer,
        );
        break;
      }
      case 'handoff_answer': {
        if (!r.referral?.at || r.referral.answeredAt) throw new ConflictError('error.complaintNotReferred');
        const n = note('complaint.step.handoffAnswered', { office: r.referral.office ?? '', answer: action.answer });
        step = notesText([n]);
        updated = await this.push(r, { 'referral.answeredAt': null }, { 'referral.answer': action.answer, 'referral.answeredAt': now }, 'handoff_answer', n, viewer);
        break;
      }
      case 'inspection_extend': {
        const due = r.referral?.investigateDueAt;
        if (r.referral?.to !== 'labor_inspection' || !due || r.referral.extended) throw new ConflictError('error.complaintNotReferred');
        const n = note('complaint.step.inspectionExtended', { reason: action.reason });
        step = notesText([n]);
        updated = await this.push(
          r,
          { 'referral.extended': false },
          { 'referral.investigateDueAt': endOfWorkingDaysAfter(due, INSPECTION_EXTENSION_WORKING_DAYS), 'referral.extended': true },
          'inspection_extend',
          n,
          viewer,
        );
        break;
      }
      case 'hearing': {
        if (r.status !== 'arbitrating') throw new AppError('CONFLICT', { messageKey: 'error.complaintNeedsArbitration' });
        const at = new Date(action.hearingAt);
        const n = note('complaint.step.hearing', { at: { at: at.toISOString() } });
        step = notesText([n]);
        updated = await this.push(r, {}, { hearingAt: at }, 'hearing', n, viewer);
        break;
      }
      case 'advance_execution': {
        if (r.status !== 'arbitrating') throw new AppError('CONFLICT', { messageKey: 'error.complaintNeedsArbitration' });
        const n = note('complaint.step.advanceExecution', { amount: yuan(action.amountYuan) });
        step = notesText([n]);
        updated = await this.push(r, {}, { advanceExecution: { amountFen: action.amountYuan, at: now, note: action.note ?? null } }, 'advance_execution', n, viewer);
        break;
      }
      case 'award': {
        if (r.status !== 'arbitrating') throw new AppError('CONFLICT', { messageKey: 'error.complaintNeedsArbitration' });
        const claim = r.amountOwedFen ?? action.amountYuan;
        const final = claim <= 12 * s.monthlyMinimumWageFen;
        const n = note('complaint.step.award', { kind: { key: final ? 'complaint.award.final' : 'complaint.award.nonFinal' }, amount: yuan(action.amountYuan), summary: action.summary });
        step = notesText([n]);
        updated = await this.push(r, { award: null }, { award: { amountFen: action.amountYuan, summary: action.summary, at: now, final }, finalAward: final }, 'award', n, viewer);
        break;
      }
    }
    await this.deps.audit.record(viewer, { action: 'decide', targetType: 'complaint', targetId: id, regionCode: r.intakeRegionCode ?? null, detail: `${r.caseNumber} ${action.action}` });
    await queueStepNotice(updated, step, now);
    return updated;
  }

  /** Sends the queued notices that are due (all pending ones with `all`). */
  async retryNotifications(options: { all?: boolean } = {}): Promise<RetryRun> {
    return this.deps.notices.sweep(options);
  }

  /** After the commit: wake the notice sender and refresh the worker's watch color. */
  private async after(r: Rec): Promise<void> {
    this.deps.notices.wake();
    if (r.workerId && this.deps.onWorkerCase) await this.deps.onWorkerCase(r.workerId);
  }
}
