import { yuanToFen, type Complaint, type ComplaintOutcome, type Region } from '@zhuanyi/shared';
import type { AppMessageKey } from '@/i18n';
import type { IntakeActionInput } from './api/staff-api';

export type ActionKind = IntakeActionInput['action'];

/** Everything any action form may ask; each action reads its own fields. */
export interface ActionValues {
  reason: string;
  record: string;
  succeeded: boolean | null;
  agreement: string;
  agreedAmount: string;
  referTo: 'labor_inspection' | 'legal_aid' | 'public_security' | null;
  /** Hand-off: receiving office, answer due (YYYY-MM-DD), and later its answer. */
  office: string;
  dueDate: string;
  answer: string;
  note: string;
  hearingAt: string;
  amount: string;
  summary: string;
  days: string;
  approvedBy: string;
  outcome: ComplaintOutcome | null;
  amountRecovered: string;
  /** Transfer: the county picked (province → county). */
  transferTo: Region[];
}

export const emptyActionValues = (): ActionValues => ({
  reason: '',
  record: '',
  succeeded: null,
  agreement: '',
  agreedAmount: '',
  referTo: null,
  office: '',
  dueDate: '',
  answer: '',
  note: '',
  hearingAt: '',
  amount: '',
  summary: '',
  days: '15',
  approvedBy: '',
  outcome: null,
  amountRecovered: '',
  transferTo: [],
});

export type ActionErrors = Partial<Record<keyof ActionValues, AppMessageKey>>;

/** Outcomes offered when closing (structured, as the report counts them). */
export const closeOutcomes: readonly ComplaintOutcome[] = [
  'paid',
  'paid_partial',
  'main_contractor_paid',
  'mediated_settlement',
  'award_upheld',
  'award_partial',
  'award_dismissed',
  'referred_to_court',
  'referred_to_inspection',
  'legal_aid',
  'withdrawn',
];

/** The steps the server accepts from the case's current state, in the usual order. */
export function availableActions(c: Complaint): ActionKind[] {
  const extendable = (c.clocks.find((k) => k.kind === 'award')?.extensionDays ?? 0) === 0;
  const list: ActionKind[] = [];
  switch (c.status) {
    case 'submitted':
      list.push('accept', 'reject', 'refer');
      break;
    case 'accepted':
      list.push('mediate', 'mediation_result', 'arbitrate', 'refer', 'close');
      if (extendable) list.push('extend');
      break;
    case 'mediating':
      list.push('mediation_result', 'arbitrate', 'refer', 'close');
      if (extendable) list.push('extend');
      break;
    case 'arbitrating':
      list.push('hearing', 'advance_execution', 'award', 'close');
      if (extendable) list.push('extend');
      break;
    default:
      return [];
  }
  const referral = c.intake?.referral;
  if (referral?.to === 'labor_inspection' && !referral.extended) list.push('inspection_extend');
  if (referral && referral.answeredAt === null) list.push('handoff_answer');
  // Any open case can move to the county that can act; a case waiting for 需确定管辖 offers it first.
  if (c.jurisdiction.needsJurisdiction) list.unshift('transfer');
  else list.push('transfer');
  return list;
}

/** "2026-06-20 09:30" in Beijing time → ISO instant; null when it is not such a time. */
export function beijingToIso(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi);
  const check = new Date(ms + 8 * 3600_000);
  if (check.getUTCDate() !== d) return null;
  return new Date(ms).toISOString();
}

const filled = (v: string, min: number) => v.trim().length >= min;
const validYuan = (v: string) => yuanToFen(v) !== null;

/** Checks the fields the action requires and builds its body; errors are shown next to the fields. */
export function buildAction(kind: ActionKind, v: ActionValues): { action: IntakeActionInput | null; errors: ActionErrors } {
  const errors: ActionErrors = {};
  const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());
  let action: IntakeActionInput | null = null;
  switch (kind) {
    case 'accept':
    case 'mediate':
      action = { action: kind };
      break;
    case 'reject':
      if (!filled(v.reason, 2)) errors.reason = 'staff.form.reasonRequired';
      action = { action: 'reject', reason: v.reason.trim() };
      break;
    case 'mediation_result':
      if (!filled(v.record, 2)) errors.record = 'staff.form.recordRequired';
      if (v.succeeded === null) errors.succeeded = 'staff.form.succeededRequired';
      if (v.succeeded === true && !filled(v.agreement, 2)) errors.agreement = 'staff.form.agreementRequired';
      if (v.succeeded === true && v.agreedAmount.trim() !== '' && !validYuan(v.agreedAmount)) errors.agreedAmount = 'staff.form.amountRequired';
      action = { action: 'mediation_result', record: v.record.trim(), agreement: optional(v.agreement), agreedAmountYuan: optional(v.agreedAmount), succeeded: v.succeeded === true };
      break;
    case 'refer':
      if (v.referTo === null) errors.referTo = 'staff.form.referToRequired';
      if (v.dueDate.trim() !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(v.dueDate.trim())) errors.dueDate = 'staff.form.dueDateInvalid';
      action = { action: 'refer', to: v.referTo ?? 'labor_inspection', note: optional(v.note), office: optional(v.office), dueDate: optional(v.dueDate) };
      break;
    case 'handoff_answer':
      if (!filled(v.answer, 2)) errors.answer = 'staff.form.answerRequired';
      action = { action: 'handoff_answer', answer: v.answer.trim() };
      break;
    case 'inspection_extend':
      if (!filled(v.reason, 2)) errors.reason = 'staff.form.reasonRequired';
      action = { action: 'inspection_extend', reason: v.reason.trim() };
      break;
    case 'arbitrate': {
      const at = v.hearingAt.trim() === '' ? undefined : beijingToIso(v.hearingAt);
      if (at === null) errors.hearingAt = 'staff.form.hearingRequired';
      action = { action: 'arbitrate', hearingAt: at ?? undefined };
      break;
    }
    case 'hearing': {
      const at = beijingToIso(v.hearingAt);
      if (!at) errors.hearingAt = 'staff.form.hearingRequired';
      action = { action: 'hearing', hearingAt: at ?? '' };
      break;
    }
    case 'advance_execution':
      if (!validYuan(v.amount) || (yuanToFen(v.amount) ?? 0) <= 0) errors.amount = 'staff.form.amountRequired';
      action = { action: 'advance_execution', amountYuan: v.amount.trim(), note: optional(v.note) };
      break;
    case 'award':
      if (!validYuan(v.amount)) errors.amount = 'staff.form.amountRequired';
      if (!filled(v.summary, 2)) errors.summary = 'staff.form.summaryRequired';
      action = { action: 'award', amountYuan: v.amount.trim(), summary: v.summary.trim() };
      break;
    case 'extend': {
      const days = Number(v.days);
      if (!Number.isInteger(days) || days < 1 || days > 15) errors.days = 'staff.form.daysRequired';
      if (!filled(v.reason, 2)) errors.reason = 'staff.form.reasonRequired';
      if (!filled(v.approvedBy, 1)) errors.approvedBy = 'staff.form.approvedByRequired';
      action = { action: 'extend', days, reason: v.reason.trim(), approvedBy: v.approvedBy.trim() };
      break;
    }
    case 'transfer': {
      const county = v.transferTo.find((r) => r.level === 'county');
      if (!county) errors.transferTo = 'staff.form.transferToRequired';
      if (!filled(v.reason, 2)) errors.reason = 'staff.form.reasonRequired';
      action = { action: 'transfer', toRegionCode: county?.code ?? '', reason: v.reason.trim() };
      break;
    }
    case 'close':
      if (v.outcome === null) errors.outcome = 'staff.form.outcomeRequired';
      if (!validYuan(v.amountRecovered)) errors.amountRecovered = 'staff.form.amountRecoveredRequired';
      action = { action: 'close', outcome: v.outcome ?? 'paid', amountRecoveredYuan: v.amountRecovered.trim(), note: optional(v.note) };
      break;
  }
  return Object.keys(errors).length > 0 ? { action: null, errors } : { action, errors };
}
