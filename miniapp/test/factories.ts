import type { Complaint, JobSummary, Region, WorkerRegistration } from '@zhuanyi/shared';

let seq = 0;

/** A job as GET /api/v1/jobs returns it; override what the test is about. */
export function buildJob(overrides: Partial<JobSummary> = {}): JobSummary {
  seq += 1;
  return {
    id: `job-${seq}`,
    title: `招聘熟练电焊工 ${seq}`,
    employerName: '通辽市建工集团有限公司',
    employerVerified: true,
    trade: '电焊工',
    regionCode: '150502',
    regionName: '内蒙古自治区通辽市科尔沁区',
    payMinFen: 650000,
    payMaxFen: 900000,
    mealsAndLodging: true,
    transport: 'point_to_point',
    publicWelfare: false,
    openings: 20,
    deadline: '2026-12-31T15:59:59.000Z',
    createdAt: '2026-11-01T02:00:00.000Z',
    ...overrides,
  };
}

export function buildRegion(code: string, name: string, level: Region['level'], parentCode: string | null): Region {
  return { code, name, level, parentCode };
}

/** The identity step of the registration form, filled in correctly. */
export const FILLED_IDENTITY = { name: '巴特尔', idNumber: '15052119850615003X', ethnicity: '蒙古族', phone: '13900001234', education: 'junior' as const };

/** Every required field of the registration form, with the household at `householdPath`. */
export function filledRegistration(householdPath: Region[]) {
  return {
    ...FILLED_IDENTITY,
    householdPath,
    householdGroup: '三组',
    mobility: 'nearby_only' as const,
    employmentStatus: 'unemployed' as const,
    entrepreneurActive: false,
    wantsJob: false,
    wantsTraining: true,
    trainingTrades: ['电焊工'],
  };
}

/** The registration record the BFF answers for filledRegistration(), masked as it sends it. */
export function buildWorkerView(overrides: Partial<WorkerRegistration> = {}): WorkerRegistration {
  return {
    id: 'w1',
    name: '巴特尔',
    idNumberMasked: '150521********003X',
    birthDate: '1985-06-15',
    age: 41,
    sex: 'male',
    ethnicity: '蒙古族',
    phoneMasked: '139****1234',
    education: 'junior',
    household: { regionCode: '150521100201', regionName: '保南村', group: '三组' },
    keyGroups: [],
    mobility: 'nearby_only',
    skills: [],
    certificates: [],
    jobIntention: { wantsJob: false, trades: [], locations: [], expectedMonthlyPayFen: null },
    trainingIntention: { wantsTraining: true, trades: ['电焊工'] },
    employment: { status: 'unemployed', destination: null },
    entrepreneurship: { active: false },
    source: 'worker',
    claimed: true,
    createdAt: '2026-11-22T00:00:00.000Z',
    updatedAt: '2026-11-22T00:00:00.000Z',
    ...overrides,
  };
}

/** A 科左中旗 wage complaint as the API returns it, no items missing; override what the test is about. */
export function buildComplaint(overrides: Partial<Complaint> = {}): Complaint {
  const at = new Date(Date.UTC(2026, 5, 1)).toISOString();
  return {
    id: 'c1',
    caseNumber: '150521-20260601-0001',
    status: 'submitted',
    caseType: 'construction',
    respondent: { kind: 'foreman', name: '赵包工头', phoneMasked: null },
    project: { name: null, regionCode: null, regionName: null, address: null },
    mainContractor: null,
    workPeriod: { from: null, to: null },
    amountOwedFen: 860_000,
    coWorkersOwed: 0,
    groupCase: false,
    demands: ['pay_wages'],
    demandNote: null,
    bankCard: null,
    evidence: [],
    missingItems: [],
    warnings: [],
    timeline: [{ status: 'submitted', at, note: null }],
    clocks: [],
    rejectionReason: null,
    outcome: null,
    jurisdiction: { regionCode: '150521', regionName: '科尔沁左翼中旗', office: '科尔沁左翼中旗 劳动保障监察/仲裁院', officeRef: { kind: 'labor_dispute', regionCode: '150521', regionName: '科尔沁左翼中旗' }, needsJurisdiction: false, transferred: false },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

