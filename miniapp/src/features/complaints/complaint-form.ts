import {
  ComplaintCreateSchema,
  fenToYuanText,
  fieldMessages,
  messageKeyErrorMap,
  t as sharedT,
  yuanToFen,
  type ComplaintCaseType,
  type ComplaintCreateInput,
  type ComplaintDemand,
  type Region,
} from '@zhuanyi/shared';
import { t } from '@/i18n';
import { createDraftStore } from '@/services/draft-store';

/** The guided complaint form as typed; kept as the draft. Only case type and who owes are required. */
export interface ComplaintValues {
  caseType: ComplaintCaseType | '';
  respondentKind: 'employer' | 'foreman' | '';
  respondentName: string;
  respondentPhone: string;
  projectName: string;
  projectRegionPath: Region[];
  projectAddress: string;
  mainContractor: string;
  workFrom: string;
  workTo: string;
  amountYuan: string;
  coWorkersOwed: string;
  demands: ComplaintDemand[];
  demandNote: string;
  bankCard: string;
  bankName: string;
}

export const EMPTY_COMPLAINT: ComplaintValues = {
  caseType: '',
  respondentKind: '',
  respondentName: '',
  respondentPhone: '',
  projectName: '',
  projectRegionPath: [],
  projectAddress: '',
  mainContractor: '',
  workFrom: '',
  workTo: '',
  amountYuan: '',
  coWorkersOwed: '',
  demands: [],
  demandNote: '',
  bankCard: '',
  bankName: '',
};

export type ComplaintField =
  | 'caseType'
  | 'respondentKind'
  | 'respondentName'
  | 'respondentPhone'
  | 'projectName'
  | 'projectRegion'
  | 'projectAddress'
  | 'mainContractor'
  | 'workFrom'
  | 'workTo'
  | 'amount'
  | 'coWorkersOwed'
  | 'demands'
  | 'demandNote'
  | 'bankCard'
  | 'bankName'
  | 'evidence'
  | 'form';
export type ComplaintErrors = Partial<Record<ComplaintField, string>>;

export const COMPLAINT_STEPS: ReadonlyArray<{ id: 'who' | 'where' | 'money' | 'want' | 'evidence'; fields: ComplaintField[] }> = [
  { id: 'who', fields: ['caseType', 'respondentKind', 'respondentName', 'respondentPhone'] },
  { id: 'where', fields: ['projectName', 'projectRegion', 'projectAddress', 'mainContractor', 'workFrom', 'workTo'] },
  { id: 'money', fields: ['amount', 'coWorkersOwed'] },
  { id: 'want', fields: ['demands', 'demandNote', 'bankCard', 'bankName'] },
  { id: 'evidence', fields: ['evidence'] },
];

const PATHS: Record<string, ComplaintField> = {
  caseType: 'caseType',
  'respondent.kind': 'respondentKind',
  'respondent.name': 'respondentName',
  'respondent.phone': 'respondentPhone',
  'project.name': 'projectName',
  'project.regionCode': 'projectRegion',
  'project.address': 'projectAddress',
  mainContractor: 'mainContractor',
  'workPeriod.from': 'workFrom',
  'workPeriod.to': 'workTo',
  amountOwedYuan: 'amount',
  coWorkersOwed: 'coWorkersOwed',
  demands: 'demands',
  demandNote: 'demandNote',
  'bankCard.cardNumber': 'bankCard',
  'bankCard.bankName': 'bankName',
};

/** API input path → form field ('demands.1' → demands). */
export function complaintFieldForPath(path: string): ComplaintField {
  const exact = PATHS[path];
  if (exact) return exact;
  const prefix = Object.keys(PATHS)
    .filter((p) => path.startsWith(`${p}.`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? (PATHS[prefix] ?? 'form') : 'form';
}

export function mapComplaintErrors(fields: Readonly<Record<string, string>>): ComplaintErrors {
  const errors: ComplaintErrors = {};
  for (const [path, text] of Object.entries(fields)) {
    const field = complaintFieldForPath(path);
    if (!(field in errors)) errors[field] = text;
  }
  return errors;
}

/** The amount as typed → integer fen; null when empty, undefined when it is not an amount. */
export function amountFen(values: Pick<ComplaintValues, 'amountYuan'>): number | null | undefined {
  if (values.amountYuan.trim() === '') return null;
  return yuanToFen(values.amountYuan) ?? undefined;
}

const text = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());

/**
 * The POST /complaints body. The amount is parsed to fen here (never through floats) and sent
 * back as its exact yuan text, which the shared schema turns into the same fen.
 */
export function toComplaintInput(v: ComplaintValues): ComplaintCreateInput {
  const fen = amountFen(v);
  const region = v.projectRegionPath[v.projectRegionPath.length - 1];
  const construction = v.caseType === 'construction';
  return {
    caseType: (v.caseType || undefined) as ComplaintCaseType,
    respondent: {
      kind: (v.respondentKind || undefined) as 'employer' | 'foreman',
      name: v.respondentName.trim(),
      phone: text(v.respondentPhone),
    },
    project: { name: construction ? text(v.projectName) : undefined, regionCode: region?.code, address: text(v.projectAddress) },
    mainContractor: construction ? text(v.mainContractor) : undefined,
    workPeriod: v.workFrom || v.workTo ? { from: text(v.workFrom), to: text(v.workTo) } : undefined,
    amountOwedYuan: typeof fen === 'number' ? fenToYuanText(fen) : fen === undefined ? v.amountYuan : undefined,
    coWorkersOwed: v.coWorkersOwed.trim() === '' ? 0 : v.coWorkersOwed.trim(),
    demands: v.demands,
    demandNote: text(v.demandNote),
    bankCard: text(v.bankCard) ? { cardNumber: v.bankCard, bankName: text(v.bankName) } : undefined,
  };
}

export type ComplaintCheck = { ok: true; input: ComplaintCreateInput } | { ok: false; errors: ComplaintErrors };

export function validateComplaint(v: ComplaintValues): ComplaintCheck {
  const input = toComplaintInput(v);
  const parsed = ComplaintCreateSchema.safeParse(input, { error: messageKeyErrorMap });
  const errors: ComplaintErrors = parsed.success ? {} : mapComplaintErrors(fieldMessages(parsed.error.issues));
  if (!v.caseType) errors.caseType = sharedT('validation.required');
  if (!v.respondentKind) errors.respondentKind = sharedT('validation.required');
  if (v.respondentName.trim() === '') errors.respondentName = sharedT('validation.required');
  if (amountFen(v) === undefined) errors.amount = sharedT('validation.amountYuan');
  // Nothing is ticked for the worker: they say what they want themselves.
  if (v.demands.length === 0) errors.demands = t('complaint.demandsRequired');
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}

export function complaintStepErrors(v: ComplaintValues, step: number): ComplaintErrors {
  const result = validateComplaint(v);
  if (result.ok) return {};
  const fields = COMPLAINT_STEPS[step]?.fields ?? [];
  return Object.fromEntries(Object.entries(result.errors).filter(([f]) => fields.includes(f as ComplaintField)));
}

export function firstComplaintStepWithError(errors: ComplaintErrors): number | null {
  const index = COMPLAINT_STEPS.findIndex((step) => step.fields.some((f) => errors[f]));
  return index === -1 ? null : index;
}

function isComplaintValues(v: unknown): v is ComplaintValues {
  return typeof v === 'object' && v !== null && typeof (v as { respondentName?: unknown }).respondentName === 'string' && Array.isArray((v as { demands?: unknown }).demands);
}

export const complaintDraft = createDraftStore<ComplaintValues>('draft.complaint', isComplaintValues);
