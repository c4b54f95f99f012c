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
  regionCodePath,
  shanghaiDayNumber,
  t,
  type Complaint,
  type ComplaintStatus,
  type IntakeAction,
  type IntakeQueue,
  type IntakeQueueItem,
  type StaffComplaintCreate,
  type StatutoryClock,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, ConflictError, NotFoundError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { maskSealed, sealFreeText, sealOptional, sealTextFields } from '../../security/sealed-text';
import type { Notifier, Recipient, RetryRun } from '../../integrations/notify/notifier';
import { WorkerLogin } from '../auth/worker-login.model';
import type { AuditService } from '../audit/audit.service';
import { Worker } from '../workers/worker.model';
import { inScope } from '../staff/scope';
import { settingsFor, type IntakeSettings } from '../staff/region-settings';
import { ComplaintModel, nextSequence, type ComplaintRecord } from './complaint.model';
import { canSeeComplaint, clockView, type ComplaintsService } from './complaints.service';

export interface IntakeDeps {
  complaints: ComplaintsService;
  crypto: FieldCrypto;
  clock: Clock;
  audit: AuditService;
  notifier: Notifier;
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
  referral: { to?: string | null; at?: Date | null; note?: string | null; acceptDueAt?: Date | null; investigateDueAt?: Date | null; extended?: boolean | null } | null;
  procedure: string | null;
  finalAward: boolean | null;
  hearingAt: Date | null;
  advanceExecution: { amountFen?: number | null; at?: Date | null; note?: string | null } | null;
  award: { amountFen?: number | null; summary?: string | null; at?: Date | null; final?: boolean | null } | null;
  extensionApproval: { approvedBy?: string | null; reason?: string | null; at?: Date | null } | null;
  amountRecoveredFen: number | null;
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

  private priority(r: Rec, s: IntakeSettings): IntakeQueueItem['priority'] {
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

  /** The case as intake staff see it: the worker's view plus the green channel's details. */
  async view(r: Rec): Promise<Complaint> {
    const base = this.deps.complaints.toComplaint(r);
    const s = await this.settings(r.intakeRegionCode);
    const now = this.deps.clock();
    const greenDue = endOfWorkingDaysAfter(r.receivedAt, s.greenChannelWorkingDays);
    const clocks = this.clocks(r, now);
    return {
      ...base,
      timeline: r.timeline.map((e) => ({ status: e.status, at: iso(e.at), note: maskSealed(e.note ?? null), ...((e as { action?: string }).action ? { action: (e as { action?: string }).action } : {}) })),
      clocks: clocks.map(clockView),
      intake: {
        channel: (r.channel as 'online' | 'walk_in' | 'phone' | undefined) ?? 'online',
        oralRecord: maskSealed(r.oralRecord ?? null),
        workerConfirmedAt: r.workerConfirmedAt ? iso(r.workerConfirmedAt) : null,
        priority: this.priority(r, s),
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
              to: r.referral.to === 'legal_aid' ? 'legal_aid' : 'labor_inspection',
              at: iso(r.referral.at),
              note: maskSealed(r.referral.note ?? null),
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
      },
    };
  }

  private visible(viewer: AuthContext, r: Rec): boolean {
    if (viewer.role === 'admin') return true;
    return canSeeComplaint(viewer, r);
  }

  private async load(viewer: AuthContext, id: string): Promise<Rec> {
    if (!Types.ObjectId.isValid(id)) throw notFound();
    const r = await ComplaintModel.findById(id).lean<Rec>().exec();
    if (!r || !this.visible(viewer, r)) throw notFound();
    return r;
  }

  async get(viewer: AuthContext, id: string): Promise<Complaint> {
    const r = await this.load(viewer, id);
    await this.deps.audit.record(viewer, { action: 'view', targetType: 'complaint', targetId: id, regionCode: r.intakeRegionCode ?? null, detail: r.caseNumber });
    return this.view(r);
  }

  /** Open cases of the caller's region: overdue first, then nearly due, then by priority and due time. */
  async queue(viewer: AuthContext, query: { status?: ComplaintStatus; urgency?: IntakeQueueItem['urgency']; open: 'true' | 'false'; limit: number }): Promise<IntakeQueue> {
    const filter: Record<string, unknown> = {};
    if (viewer.role !== 'admin' && viewer.regionScope !== null) filter.intakeRegionPath = viewer.regionScope;
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
      if (!OPEN.includes(r.status) || !current) urgency = 'done';
      else if (current.state === 'overdue') urgency = 'overdue';
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
        priority: this.priority(r, s),
        clock: current
          ? { kind: current.kind, startedAt: iso(current.startedAt), dueAt: iso(current.dueAt), stoppedAt: null, state: current.state, daysLeft: current.daysLeft, extensionDays: current.extensionDays }
          : null,
        greenChannelDueAt: iso(greenDue),
        urgency,
        missingCount: this.deps.complaints.toComplaint(r).missingItems.length,
        receivedAt: iso(r.receivedAt),
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
    const intakeRegionCode = (household ?? viewer.regionScope ?? c.project?.regionCode ?? null)?.slice(0, 6) ?? null;
    if (intakeRegionCode && !inScope(viewer, intakeRegionCode) && viewer.regionScope && !intakeRegionCode.startsWith(viewer.regionScope.slice(0, 6))) {
      throw new NotFoundError('error.workerNotFound');
    }
    const county = (intakeRegionCode ?? '000000').padEnd(6, '0');
    const d = new Date(shanghaiDayNumber(now) * 86_400_000);
    const day = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
    const seq = await nextSequence(`complaint:${county}:${day}`);
    const channelText = t(`complaint.channel.${input.channel}`);
    const created = await ComplaintModel.create({
      caseNumber: `${county}-${day}-${String(seq).padStart(4, '0')}`,
      filedBy,
      workerId,
      intakeRegionCode,
      intakeRegionPath: intakeRegionCode ? regionCodePath(intakeRegionCode) : [],
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
      timeline: [{ status: 'submitted', at: now, note: t('complaint.step.filedByStaff', { channel: channelText }), by: viewer.subjectId, action: 'filed_by_staff' }],
      receivedAt: now,
      channel: input.channel,
      oralRecord: sealOptional(crypto, input.oralRecord),
      workerName,
      workerPhoneEnc: phone ? crypto.encrypt('phone', phone) : null,
      workerPhoneIndex: phone ? crypto.blindIndex('phone', phone) : null,
      workerConfirmedAt: null,
      keyGroupWorker,
    });
    const r = created.toObject<Rec>();
    await this.deps.audit.record(viewer, { action: 'create', targetType: 'complaint', targetId: r._id.toHexString(), regionCode: intakeRegionCode, detail: `${r.caseNumber} ${input.channel}` });
    await this.after(r, t('complaint.step.filedByStaff', { channel: channelText }));
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
        $push: { timeline: { status: 'submitted', at: now, note: t('complaint.step.confirmed'), by: worker.subjectId, action: 'confirmed' } },
      },
      { returnDocument: 'after' },
    )
      .lean<Rec>()
      .exec();
    if (!updated) throw new NotFoundError('error.complaintNoConfirm');
    // Keep the status-ordered timeline readable: the confirmation sits with the filing.
    return this.deps.complaints.toComplaint(updated);
  }

  private async push(r: Rec, cond: Record<string, unknown>, set: Record<string, unknown>, action: string, note: string, viewer: AuthContext): Promise<Rec> {
    const now = this.deps.clock();
    const updated = await ComplaintModel.findOneAndUpdate(
      { _id: r._id, status: r.status, ...cond },
      { $set: sealTextFields(this.deps.crypto, set), $push: { timeline: { status: r.status, at: now, note: sealFreeText(this.deps.crypto, note), by: viewer.subjectId, action } } },
      { returnDocument: 'after' },
    )
      .lean<Rec>()
      .exec();
    if (!updated) throw new ConflictError('error.complaintTransition');
    return updated;
  }

  /** One intake step; answers the case as intake staff see it. */
  async act(viewer: AuthContext, id: string, action: IntakeAction): Promise<Complaint> {
    const r = await this.load(viewer, id);
    if (viewer.role !== 'intake' && viewer.role !== 'admin') throw notFound();
    const now = this.deps.clock();
    const s = await this.settings(r.intakeRegionCode);
    let updated: Rec;
    let step: string;
    const actor: AuthContext = viewer.role === 'admin' ? { ...viewer, role: 'intake', regionScope: null } : viewer;
    switch (action.action) {
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
            step = t('complaint.step.acceptedMissing', { items: missing.map((m) => m.message).join('；') });
            updated = await this.push(updated, {}, {}, 'accept_missing', step, viewer);
          }
        } else if (action.action === 'reject') {
          step = `${t('complaint.status.rejected')}：${action.reason}`;
        } else if (action.action === 'arbitrate') {
          const claim = updated.amountOwedFen ?? 0;
          const procedure = claim <= s.simplifiedThresholdFen ? 'simplified' : 'ordinary';
          step = t('complaint.step.arbitrate', { procedure: t(`complaint.procedure.${procedure}`) });
          updated = await this.push(
            updated,
            {},
            { procedure, finalAward: claim > 0 && claim <= 12 * s.monthlyMinimumWageFen, hearingAt: action.hearingAt ? new Date(action.hearingAt) : null },
            'arbitrate',
            step,
            viewer,
          );
        } else if (action.action === 'extend') {
          step = t('complaint.step.extendedApproved', { days: action.days, approvedBy: action.approvedBy ?? '-', reason: action.reason });
          await ComplaintModel.updateOne({ _id: updated._id }, { $set: { extensionApproval: { approvedBy: action.approvedBy ?? null, reason: action.reason, at: now } } });
          updated = (await ComplaintModel.findById(id).lean<Rec>().exec()) as Rec;
        } else if (action.action === 'close') {
          step = t(`complaint.outcome.${action.outcome}`);
          if (action.amountRecoveredYuan !== undefined) {
            step = t('complaint.step.closedAmount', { outcome: step, amount: yuan(action.amountRecoveredYuan) });
            updated = await this.push(updated, {}, { amountRecoveredFen: action.amountRecoveredYuan }, 'recovered', step, viewer);
          }
        }
        break;
      }
      case 'mediation_result': {
        if (!['accepted', 'mediating'].includes(r.status)) throw new ConflictError('error.complaintTransition');
        step = action.succeeded
          ? t('complaint.step.mediationSucceeded', { agreement: action.agreement ?? '', amount: yuan(action.agreedAmountYuan ?? 0) })
          : t('complaint.step.mediationFailed', { record: action.record });
        updated = await this.push(
          r,
          {},
          { mediation: { record: action.record, agreement: action.agreement ?? null, agreedAmountFen: action.agreedAmountYuan ?? null, succeeded: action.succeeded, at: now } },
          'mediation_result',
          step,
          viewer,
        );
        break;
      }
      case 'refer': {
        if (!['accepted', 'mediating', 'submitted'].includes(r.status)) throw new ConflictError('error.complaintTransition');
        const inspection = action.to === 'labor_inspection';
        step = t(inspection ? 'complaint.step.referInspection' : 'complaint.step.referLegalAid');
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
            },
          },
          'refer',
          step,
          viewer,
        );
        break;
      }
      case 'inspection_extend': {
        const due = r.referral?.investigateDueAt;
        if (r.referral?.to !== 'labor_inspection' || !due || r.referral.extended) throw new ConflictError('error.complaintNotReferred');
        step = t('complaint.step.inspectionExtended', { reason: action.reason });
        updated = await this.push(
          r,
          { 'referral.extended': false },
          { 'referral.investigateDueAt': endOfWorkingDaysAfter(due, INSPECTION_EXTENSION_WORKING_DAYS), 'referral.extended': true },
          'inspection_extend',
          step,
          viewer,
        );
        break;
      }
      case 'hearing': {
        if (r.status !== 'arbitrating') throw new AppError('CONFLICT', { messageKey: 'error.complaintNeedsArbitration' });
        const at = new Date(action.hearingAt);
        step = t('complaint.step.hearing', { at: at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) });
        updated = await this.push(r, {}, { hearingAt: at }, 'hearing', step, viewer);
        break;
      }
      case 'advance_execution': {
        if (r.status !== 'arbitrating') throw new AppError('CONFLICT', { messageKey: 'error.complaintNeedsArbitration' });
        step = t('complaint.step.advanceExecution', { amount: yuan(action.amountYuan) });
        updated = await this.push(r, {}, { advanceExecution: { amountFen: action.amountYuan, at: now, note: action.note ?? null } }, 'advance_execution', step, viewer);
        break;
      }
      case 'award': {
        if (r.status !== 'arbitrating') throw new AppError('CONFLICT', { messageKey: 'error.complaintNeedsArbitration' });
        const claim = r.amountOwedFen ?? action.amountYuan;
        const final = claim <= 12 * s.monthlyMinimumWageFen;
        step = t('complaint.step.award', { kind: t(final ? 'complaint.award.final' : 'complaint.award.nonFinal'), amount: yuan(action.amountYuan), summary: action.summary });
        updated = await this.push(r, { award: null }, { award: { amountFen: action.amountYuan, summary: action.summary, at: now, final }, finalAward: final }, 'award', step, viewer);
        break;
      }
    }
    await this.deps.audit.record(viewer, { action: 'decide', targetType: 'complaint', targetId: id, regionCode: r.intakeRegionCode ?? null, detail: `${r.caseNumber} ${action.action}` });
    await this.after(updated, step);
    return this.view(updated);
  }

  /** Who gets a case's notices: the worker's WeChat login (openid, phone), else the phone taken at filing. */
  private async recipientOf(r: Pick<Rec, 'filedBy' | 'workerPhoneEnc'>): Promise<Recipient> {
    let openid: string | null = null;
    let phone: string | null = null;
    if (Types.ObjectId.isValid(r.filedBy)) {
      const login = await WorkerLogin.findById(r.filedBy).lean().exec();
      openid = login?.openid ?? null;
      if (login?.phoneEnc) phone = this.deps.crypto.decrypt('phone', login.phoneEnc);
    }
    if (!phone && r.workerPhoneEnc) phone = this.deps.crypto.decrypt('phone', r.workerPhoneEnc);
    return { subjectId: Types.ObjectId.isValid(r.filedBy) ? r.filedBy : null, openid, phone };
  }

  /** Sends the queued notices that are due again (all pending ones with `all`). */
  async retryNotifications(options: { all?: boolean } = {}): Promise<RetryRun> {
    return this.deps.notifier.retryDue(async ({ complaintId, subjectId }) => {
      const r = Types.ObjectId.isValid(complaintId) ? await ComplaintModel.findById(complaintId, { filedBy: 1, workerPhoneEnc: 1 }).lean<Pick<Rec, 'filedBy' | 'workerPhoneEnc'>>().exec() : null;
      if (r) return this.recipientOf(r);
      // Application and enrollment notices are queued under their own id, with the worker's login as subject.
      return subjectId && Types.ObjectId.isValid(subjectId) ? this.recipientOf({ filedBy: subjectId, workerPhoneEnc: null }) : null;
    }, options);
  }

  /** Notify the worker (and retry earlier notices now due) and refresh their watch color. */
  private async after(r: Rec, step: string): Promise<void> {
    await this.deps.notifier.notifyCase(await this.recipientOf(r), {
      complaintId: r._id.toHexString(),
      caseNumber: r.caseNumber,
      step: t('complaint.notify.text', { caseNumber: r.caseNumber, step }),
      page: `pages/complaint-case/index?id=${r._id.toHexString()}`,
    });
    await this.retryNotifications({}).catch(() => undefined);
    if (r.workerId && this.deps.onWorkerCase) await this.deps.onWorkerCase(r.workerId);
  }
}
