import {
  WorkerRegistrationInputSchema,
  ageOn,
  chinaDateOf,
  fenToYuanText,
  fieldMessages,
  messageKeyErrorMap,
  parseIdNumber,
  t as sharedT,
  yuanToFen,
  type Education,
  type EmploymentStatus,
  type KeyGroup,
  type Mobility,
  type Region,
  type Sex,
  type SkillLevel,
  type WorkLocation,
  type WorkerRegistration,
  type WorkerRegistrationInput,
} from '@zhuanyi/shared';
import { TRADES } from '@/common/trades';
import { createDraftStore } from '@/services/draft-store';

/** The registration form as typed: strings and choices, nothing parsed yet. Kept as the draft. */
export interface RegistrationValues {
  name: string;
  idNumber: string;
  ethnicity: string;
  phone: string;
  education: Education | '';
  householdPath: Region[];
  householdGroup: string;
  keyGroups: KeyGroup[];
  mobility: Mobility | '';
  employmentStatus: EmploymentStatus | '';
  destinationLocation: WorkLocation | '';
  destinationEmployer: string;
  destinationTrade: string;
  /** Kept from a stored record (no field of their own): where and since when, as staff confirmed it. */
  destinationRegionCode: string;
  destinationStartedOn: string;
  organizedByGovernment: boolean;
  entrepreneurActive: boolean | null;
  entrepreneurProject: string;
  skills: string[];
  otherSkill: string;
  skillLevel: SkillLevel;
  certificates: string;
  wantsJob: boolean | null;
  jobTrades: string[];
  jobLocations: WorkLocation[];
  expectedPayYuan: string;
  wantsTraining: boolean | null;
  trainingTrades: string[];
  /** Kept from a stored record (the form has one level for all skills and certificate names only). */
  storedSkills?: { trade: string; level: SkillLevel }[];
  storedSkillLevel?: SkillLevel;
  storedCertificates?: { name: string; number?: string; issuedOn?: string }[];
}

export const EMPTY_REGISTRATION: RegistrationValues = {
  name: '',
  idNumber: '',
  ethnicity: '',
  phone: '',
  education: '',
  householdPath: [],
  householdGroup: '',
  keyGroups: [],
  mobility: '',
  employmentStatus: '',
  destinationLocation: '',
  destinationEmployer: '',
  destinationTrade: '',
  destinationRegionCode: '',
  destinationStartedOn: '',
  organizedByGovernment: false,
  entrepreneurActive: null,
  entrepreneurProject: '',
  skills: [],
  otherSkill: '',
  skillLevel: 'none',
  certificates: '',
  wantsJob: null,
  jobTrades: [],
  jobLocations: [],
  expectedPayYuan: '',
  wantsTraining: null,
  trainingTrades: [],
};

/** Form fields errors can sit next to. */
export type RegistrationField =
  | 'name'
  | 'idNumber'
  | 'ethnicity'
  | 'phone'
  | 'education'
  | 'household'
  | 'householdGroup'
  | 'keyGroups'
  | 'mobility'
  | 'employmentStatus'
  | 'destination'
  | 'entrepreneurship'
  | 'skills'
  | 'certificates'
  | 'wantsJob'
  | 'jobTrades'
  | 'jobLocations'
  | 'expectedPay'
  | 'wantsTraining'
  | 'trainingTrades'
  | 'form';
export type RegistrationErrors = Partial<Record<RegistrationField, string>>;

export const REGISTRATION_STEPS: ReadonlyArray<{ id: 'identity' | 'home' | 'situation' | 'skills' | 'wishes'; fields: RegistrationField[] }> = [
  { id: 'identity', fields: ['name', 'idNumber', 'ethnicity', 'phone', 'education'] },
  { id: 'home', fields: ['household', 'householdGroup'] },
  { id: 'situation', fields: ['keyGroups', 'mobility', 'employmentStatus', 'destination', 'entrepreneurship'] },
  { id: 'skills', fields: ['skills', 'certificates'] },
  { id: 'wishes', fields: ['wantsJob', 'jobTrades', 'jobLocations', 'expectedPay', 'wantsTraining', 'trainingTrades'] },
];

/** An API input path ('jobIntention.trades.0') → the form field that shows its problem. */
export function fieldForPath(path: string): RegistrationField {
  const [head = '', second = ''] = path.split('.');
  switch (head) {
    case 'householdRegionCode':
      return 'household';
    case 'jobIntention':
      return second === 'trades' ? 'jobTrades' : second === 'locations' ? 'jobLocations' : second === 'expectedMonthlyPayFen' ? 'expectedPay' : 'wantsJob';
    case 'trainingIntention':
      return second === 'trades' ? 'trainingTrades' : 'wantsTraining';
    case 'employment':
      return second === 'destination' ? 'destination' : 'employmentStatus';
    case 'name':
    case 'idNumber':
    case 'ethnicity':
    case 'phone':
    case 'education':
    case 'householdGroup':
    case 'keyGroups':
    case 'mobility':
    case 'skills':
    case 'certificates':
      return head;
    case 'entrepreneurship':
      return 'entrepreneurship';
    default:
      return 'form';
  }
}

/** `{ path: text }` (client zod issues or the server's `fields`) → errors by form field; first wins. */
export function mapFieldErrors(fields: Readonly<Record<string, string>>): RegistrationErrors {
  const errors: RegistrationErrors = {};
  for (const [path, text] of Object.entries(fields)) {
    const field = fieldForPath(path);
    if (!(field in errors)) errors[field] = text;
  }
  return errors;
}

/** The first step holding an error, or null. */
export function firstStepWithError(errors: RegistrationErrors): number | null {
  const index = REGISTRATION_STEPS.findIndex((step) => step.fields.some((f) => errors[f]));
  return index === -1 ? null : index;
}

const blankToUndefined = (v: string): string | undefined => (v.trim() === '' ? undefined : v);

/** The request body for POST /workers, built from the typed values. */
export function toRegistrationInput(v: RegistrationValues): Record<string, unknown> {
  const village = v.householdPath[v.householdPath.length - 1];
  const skills = [...v.skills, ...v.otherSkill.split(/[,，、\s]+/).filter(Boolean)];
  const pay = v.expectedPayYuan.trim() === '' ? null : yuanToFen(v.expectedPayYuan);
  return {
    name: blankToUndefined(v.name),
    idNumber: blankToUndefined(v.idNumber),
    ethnicity: blankToUndefined(v.ethnicity),
    phone: blankToUndefined(v.phone),
    education: blankToUndefined(v.education),
    householdRegionCode: village?.code,
    householdGroup: blankToUndefined(v.householdGroup),
    keyGroups: v.keyGroups,
    mobility: blankToUndefined(v.mobility),
    // A stored per-skill level stays unless the person changed the level; a stored certificate keeps its number and date.
    skills: skills.map((trade) => ({
      trade,
      level: v.skillLevel === v.storedSkillLevel ? (v.storedSkills?.find((s) => s.trade === trade)?.level ?? v.skillLevel) : v.skillLevel,
    })),
    certificates: v.certificates
      .split(/[,，、;；\n]+/)
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => v.storedCertificates?.find((c) => c.name === name) ?? { name }),
    jobIntention: {
      wantsJob: v.wantsJob ?? undefined,
      trades: v.wantsJob ? v.jobTrades : [],
      locations: v.wantsJob ? v.jobLocations : [],
      expectedMonthlyPayFen: v.wantsJob ? pay : null,
    },
    trainingIntention: { wantsTraining: v.wantsTraining ?? undefined, trades: v.wantsTraining ? v.trainingTrades : [] },
    employment: {
      status: blankToUndefined(v.employmentStatus),
      destination:
        v.employmentStatus === 'employed' && v.destinationLocation !== ''
          ? {
              location: v.destinationLocation,
              regionCode: blankToUndefined(v.destinationRegionCode),
              employerName: blankToUndefined(v.destinationEmployer),
              trade: blankToUndefined(v.destinationTrade),
              startedOn: blankToUndefined(v.destinationStartedOn),
              organizedByGovernment: v.organizedByGovernment,
            }
          : null,
    },
    entrepreneurship: { active: v.entrepreneurActive === true, project: v.entrepreneurActive ? blankToUndefined(v.entrepreneurProject) : undefined },
  };
}

/**
 * The form filled in from a stored record (修改登记信息). The API answers the ID number and phone
 * masked only, so they stay empty unless the person just typed the ID number (e.g. to claim).
 */
export function registrationValuesOf(w: WorkerRegistration, householdPath: Region[], idNumber = ''): RegistrationValues {
  const known = new Set(TRADES.map((trade) => trade.value));
  const trades = w.skills.map((s) => s.trade).filter(Boolean);
  const d = w.employment.destination;
  const pay = w.jobIntention.expectedMonthlyPayFen;
  return {
    ...EMPTY_REGISTRATION,
    name: w.name,
    idNumber,
    ethnicity: w.ethnicity,
    phone: '',
    education: w.education,
    householdPath,
    householdGroup: w.household.group,
    keyGroups: [...w.keyGroups],
    mobility: w.mobility,
    employmentStatus: w.employment.status,
    destinationLocation: d?.location ?? '',
    destinationEmployer: d?.employerName ?? '',
    destinationTrade: d?.trade ?? '',
    destinationRegionCode: d?.regionCode ?? '',
    destinationStartedOn: d?.startedOn ?? '',
    organizedByGovernment: d?.organizedByGovernment ?? false,
    entrepreneurActive: w.entrepreneurship.active,
    entrepreneurProject: w.entrepreneurship.project ?? '',
    skills: trades.filter((trade) => known.has(trade)),
    otherSkill: trades.filter((trade) => !known.has(trade)).join('、'),
    skillLevel: w.skills[0]?.level ?? 'none',
    certificates: w.certificates.map((c) => c.name).join('、'),
    storedSkills: w.skills.map((s) => ({ trade: s.trade, level: s.level })),
    storedSkillLevel: w.skills[0]?.level ?? 'none',
    storedCertificates: w.certificates.map((c) => ({ name: c.name, ...(c.number ? { number: c.number } : {}), ...(c.issuedOn ? { issuedOn: c.issuedOn } : {}) })),
    wantsJob: w.jobIntention.wantsJob,
    jobTrades: [...w.jobIntention.trades],
    jobLocations: [...w.jobIntention.locations],
    expectedPayYuan: pay === null ? '' : fenToYuanText(pay).replace(/\.00$/, ''),
    wantsTraining: w.trainingIntention.wantsTraining,
    trainingTrades: [...w.trainingIntention.trades],
  };
}

export type ValidationResult = { ok: true; input: WorkerRegistrationInput } | { ok: false; errors: RegistrationErrors };

/** Client-side check with the shared schema; messages are the shared plain-Chinese texts. */
export function validateRegistration(v: RegistrationValues): ValidationResult {
  const errors: RegistrationErrors = {};
  if (v.wantsJob && v.expectedPayYuan.trim() !== '' && yuanToFen(v.expectedPayYuan) === null) {
    errors.expectedPay = sharedT('validation.amountYuan');
  }
  if (v.householdPath.length > 0 && v.householdPath[v.householdPath.length - 1]?.level !== 'village') {
    errors.household = sharedT('validation.regionCode.village');
  }
  const body = toRegistrationInput(v);
  const parsed = WorkerRegistrationInputSchema.safeParse(body, { error: messageKeyErrorMap });
  if (!parsed.success) Object.assign(errors, { ...mapFieldErrors(fieldMessages(parsed.error.issues)), ...errors });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: body as WorkerRegistrationInput };
}

/** Errors for the fields of one step only (checked before moving on). */
export function stepErrors(v: RegistrationValues, step: number): RegistrationErrors {
  const result = validateRegistration(v);
  if (result.ok) return {};
  const fields = REGISTRATION_STEPS[step]?.fields ?? [];
  return Object.fromEntries(Object.entries(result.errors).filter(([f]) => fields.includes(f as RegistrationField)));
}

export interface IdNumberFacts {
  birthDate: string;
  age: number;
  sex: Sex;
}

/** Birth date, age and sex as the ID number is typed; null until it is complete and valid. */
export function idNumberFacts(idNumber: string, today: string = chinaDateOf(new Date())): IdNumberFacts | null {
  const r = parseIdNumber(idNumber, today);
  return r.valid ? { birthDate: r.birthDate, age: ageOn(r.birthDate, today), sex: r.sex } : null;
}

function isRegistrationValues(v: unknown): v is RegistrationValues {
  return typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && Array.isArray((v as { householdPath?: unknown }).householdPath);
}

export const registrationDraft = createDraftStore<RegistrationValues>('draft.registration', isRegistrationValues, Date.now, ['idNumber']);
