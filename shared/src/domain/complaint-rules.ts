/**
 * Wage-arrears complaint rules (欠薪投诉 → 仲裁绿色通道): the case's life, what a filing may lack
 * without being refused (容缺受理), group cases and the older-worker warning.
 */

/** How a case ends (the staff console's structured closings included). */
export const ComplaintOutcomes = [
  'paid',
  'mediated_settlement',
  'award_upheld',
  'award_partial',
  'award_dismissed',
  'withdrawn',
  // Staff console outcomes (structured closing).
  'paid_partial',
  'main_contractor_paid',
  'referred_to_court',
  'referred_to_inspection',
  'legal_aid',
] as const;

export const ComplaintStatuses = ['submitted', 'accepted', 'rejected', 'mediating', 'arbitrating', 'closed'] as const;
export type ComplaintStatus = (typeof ComplaintStatuses)[number];

/** 已提交 → 已受理 / 不予受理 → 调解中 → 仲裁中 → 已结案. */
const NEXT: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  submitted: ['accepted', 'rejected'],
  accepted: ['mediating', 'arbitrating', 'closed'],
  mediating: ['arbitrating', 'closed'],
  arbitrating: ['closed'],
  rejected: [],
  closed: [],
};

export function canMoveComplaint(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return NEXT[from].includes(to);
}

/** A dispute with ten or more workers on one side is a group case (集体劳动争议). */
export const GROUP_CASE_MIN_WORKERS = 10;
/** Workers at this age or above are often judged not to be in a labour relationship. */
export const OLDER_WORKER_AGE = 60;

export function isGroupCase(coWorkersOwed: number | null | undefined): boolean {
  return (coWorkersOwed ?? 0) >= GROUP_CASE_MIN_WORKERS;
}

export function isOlderWorker(age: number | null | undefined): boolean {
  return age !== null && age !== undefined && age >= OLDER_WORKER_AGE;
}

export const ComplaintMissingItems = [
  'respondentPhone',
  'projectName',
  'projectSite',
  'mainContractor',
  'workPeriod',
  'amountOwed',
  'bankCard',
  'evidence',
] as const;
export type ComplaintMissingItem = (typeof ComplaintMissingItems)[number];

/** What the filing facts say about completeness; only the fields the rule reads. */
export interface ComplaintFacts {
  caseType: 'construction' | 'non_construction';
  respondentPhone?: string | null;
  projectName?: string | null;
  projectRegionCode?: string | null;
  projectAddress?: string | null;
  mainContractor?: string | null;
  workFrom?: string | null;
  workTo?: string | null;
  amountOwedFen?: number | null;
  hasBankCard: boolean;
  evidenceCount: number;
}

const blank = (v: string | null | undefined): boolean => v === null || v === undefined || v.trim() === '';

/** Items still missing, in the order the form asks for them. A case is filed all the same. */
export function missingComplaintItems(f: ComplaintFacts): ComplaintMissingItem[] {
  const missing: ComplaintMissingItem[] = [];
  if (blank(f.respondentPhone)) missing.push('respondentPhone');
  if (f.caseType === 'construction' && blank(f.projectName)) missing.push('projectName');
  if (blank(f.projectRegionCode) || blank(f.projectAddress)) missing.push('projectSite');
  // The main contractor pays first on construction projects (保障农民工工资支付条例 §30).
  if (f.caseType === 'construction' && blank(f.mainContractor)) missing.push('mainContractor');
  if (blank(f.workFrom) || blank(f.workTo)) missing.push('workPeriod');
  if (f.amountOwedFen === null || f.amountOwedFen === undefined || f.amountOwedFen <= 0) missing.push('amountOwed');
  if (!f.hasBankCard) missing.push('bankCard');
  if (f.evidenceCount === 0) missing.push('evidence');
  return missing;
}
