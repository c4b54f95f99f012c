/**
 * Subsidy rules as data (就业创业服务补贴, 一次性求职创业补贴 ...): pure evaluation, no I/O.
 *
 * A rule belongs to a region and pays a beneficiary (the broker, or the worker) per person placed:
 * - tiers: the first tier whose key groups the person has (an empty list = anyone) gives the amount;
 * - installments split that amount (basis points, summing to 10000); each is earned when its stage
 *   is confirmed and becomes due `delayMonths` after the stage date, unless the person left before;
 * - limits: once per person ever / per year / per employer (enforced by unique keys in the ledger);
 * - exclusions and requirements: no labor-dispatch placements, organized transport, work outside the
 *   home county.
 * Two more rule shapes pay the worker on a single fact instead of installments:
 * - transport (一次性交通补助): the amount comes from a table of distance bands, one amount per
 *   travel mode, using the distance and mode recorded on the confirmed arrival;
 * - training allowance (培训期间生活费补贴): paid when a course is completed, per day or per course,
 *   only for courses of at least `minClassHours`.
 * Dates are China calendar dates 'YYYY-MM-DD'; money integer fen.
 */
import type { KeyGroup } from '../schemas/worker.schema';

export const SUBSIDY_STAGES = ['hired', 'departed', 'arrived', 'insured', 'retained'] as const;
export type SubsidyStage = (typeof SUBSIDY_STAGES)[number];
/** What a ledger row was earned on: a placement stage, or a completed course (the training allowance). */
export const ENTITLEMENT_STAGES = [...SUBSIDY_STAGES, 'course_completed'] as const;
export type EntitlementStage = (typeof ENTITLEMENT_STAGES)[number];

/** The three shapes of a rule: installments per placement, a transport table, a training allowance. */
export const SUBSIDY_RULE_KINDS = ['placement', 'transport', 'training_allowance'] as const;
export type SubsidyRuleKind = (typeof SUBSIDY_RULE_KINDS)[number];

/** How a worker travelled to the job: train, bus/coach, plane, or an organized charter (包车/专列). */
export const TRAVEL_MODES = ['train', 'bus', 'plane', 'charter'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

export interface TravelFacts {
  distanceKm: number;
  mode: TravelMode;
}

/** One row of a transport table: from `fromKm` (inclusive) to `toKm` (exclusive; null = no upper end). */
export interface TransportBand {
  fromKm: number;
  toKm: number | null;
  /** Amount per travel mode; a mode left out gets nothing in this band. */
  amountFen: Partial<Record<TravelMode, number>>;
}

export interface TransportRuleData {
  key: string;
  active: boolean;
  validFrom: string;
  validTo: string | null;
  /** Who may get it; empty = anyone. */
  keyGroups: readonly KeyGroup[];
  bands: readonly TransportBand[];
  requires: { organizedTransport: boolean };
}

export interface TrainingAllowanceRuleData {
  key: string;
  active: boolean;
  validFrom: string;
  validTo: string | null;
  keyGroups: readonly KeyGroup[];
  allowance: { per: 'day' | 'course'; amountFen: number; minClassHours: number; maxDays: number | null };
}

/** A completed course, as the training module records it. */
export interface CourseFacts {
  classHours: number;
  /** China dates of the first and last day of the course. */
  startsOn: string;
  endsOn: string;
  completedOn: string;
}

export interface SubsidyInstallment {
  /** Share of the tier amount in basis points (5000 = half). */
  shareBp: number;
  stage: SubsidyStage;
  delayMonths: number;
}

export interface SubsidyTier {
  /** Person categories this tier is for; empty = everyone. */
  keyGroups: readonly KeyGroup[];
  amountFen: number;
  installments: readonly SubsidyInstallment[];
}

export interface SubsidyRuleData {
  key: string;
  regionCode: string;
  beneficiary: 'broker' | 'worker';
  validFrom: string;
  validTo: string | null;
  tiers: readonly SubsidyTier[];
  limits: { oncePerPerson: boolean; oncePerPersonPerYear: boolean; oncePerPersonPerEmployer: boolean };
  exclusions: { laborDispatch: boolean };
  requires: { organizedTransport: boolean; outsideHomeCounty: boolean };
  active: boolean;
}

/** What is known about one person's placement: confirmed stage dates and the facts rules test. */
export interface PlacementFacts {
  keyGroups: readonly KeyGroup[];
  householdCountyCode: string;
  /** County (or finer) code of the workplace; null when unknown. */
  workRegionCode: string | null;
  laborDispatch: boolean;
  organizedTransport: boolean;
  /** Distance and mode recorded on the confirmed arrival; null when not recorded. */
  travel?: TravelFacts | null;
  /** Confirmed stage dates; `left` ends the placement. */
  stages: Partial<Record<SubsidyStage | 'left', string>>;
}

export interface EarnedInstallment {
  /** 1-based. */
  installment: number;
  installments: number;
  amountFen: number;
  stage: SubsidyStage;
  /** The stage date the installment counts from. */
  stageDate: string;
  /** Due on this China date. */
  dueOn: string;
  /** The year (of the first installment's stage date) the once-per-year limit counts in. */
  year: number;
}

export type RuleRefusal = 'inactive' | 'noTier' | 'laborDispatch' | 'notOrganized' | 'notOutsideHomeCounty' | 'outsideValidity';

/** 'YYYY-MM-DD' plus n calendar months, the day clamped to the month's end (01-31 + 1 → 02-28). */
export function addMonthsToDate(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Midnight of a China date as a UTC instant. */
export function chinaDateStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The tier for a person: the first one whose key groups they have (or that is for everyone). */
export function tierFor(tiers: readonly SubsidyTier[], keyGroups: readonly KeyGroup[]): SubsidyTier | null {
  return tiers.find((t) => t.keyGroups.length === 0 || t.keyGroups.some((g) => keyGroups.includes(g))) ?? null;
}

/** Splits an amount by shares; the last installment takes the remainder so the sum is exact. */
export function splitAmount(amountFen: number, sharesBp: readonly number[]): number[] {
  let given = 0;
  return sharesBp.map((bp, i) => {
    if (i === sharesBp.length - 1) return amountFen - given;
    const part = Math.floor((amountFen * bp) / 10_000);
    given += part;
    return part;
  });
}

/** Why a rule pays nothing for this placement, or null when it may pay. */
export function ruleRefusal(rule: SubsidyRuleData, facts: PlacementFacts): RuleRefusal | null {
  if (!rule.active) return 'inactive';
  if (rule.exclusions.laborDispatch && facts.laborDispatch) return 'laborDispatch';
  if (rule.requires.organizedTransport && !facts.organizedTransport) return 'notOrganized';
  if (rule.requires.outsideHomeCounty) {
    const work = facts.workRegionCode;
    if (!work || work.slice(0, 6) === facts.householdCountyCode) return 'notOutsideHomeCounty';
  }
  const tier = tierFor(rule.tiers, facts.keyGroups);
  if (!tier || tier.amountFen <= 0) return 'noTier';
  return null;
}

/**
 * The installments this placement has earned under the rule so far: those whose stage is
 * confirmed, whose first stage date lies in the rule's validity, and that fall due before the
 * person left (a departure after the due date keeps what was earned).
 */
export function earnedInstallments(rule: SubsidyRuleData, facts: PlacementFacts): EarnedInstallment[] {
  if (ruleRefusal(rule, facts)) return [];
  const tier = tierFor(rule.tiers, facts.keyGroups);
  if (!tier) return [];
  const amounts = splitAmount(
    tier.amountFen,
    tier.installments.map((i) => i.shareBp),
  );
  const firstStage = tier.installments[0]?.stage;
  const firstDate = firstStage ? facts.stages[firstStage] : undefined;
  if (!firstDate) return [];
  if (firstDate < rule.validFrom || (rule.validTo !== null && firstDate > rule.validTo)) return [];
  const left = facts.stages.left;
  const earned: EarnedInstallment[] = [];
  tier.installments.forEach((inst, i) => {
    const stageDate = facts.stages[inst.stage];
    if (!stageDate) return;
    const dueOn = addMonthsToDate(stageDate, inst.delayMonths);
    if (left !== undefined && left < dueOn) return;
    earned.push({
      installment: i + 1,
      installments: tier.installments.length,
      amountFen: amounts[i] ?? 0,
      stage: inst.stage,
      stageDate,
      dueOn,
      year: Number(firstDate.slice(0, 4)),
    });
  });
  return earned;
}

/** The keys that make an installment unique in the ledger, per the rule's limits. */
export function entitlementKeys(
  rule: Pick<SubsidyRuleData, 'key' | 'limits'>,
  earned: Pick<EarnedInstallment, 'installment' | 'year'>,
  ids: { personId: string; employerId: string; placementId: string },
): { placementKey: string; lifetimeKey: string | null; yearKey: string | null; employerKey: string | null } {
  const base = `${rule.key}|${ids.personId}|${earned.installment}`;
  return {
    placementKey: `${base}|placement:${ids.placementId}`,
    lifetimeKey: rule.limits.oncePerPerson ? base : null,
    yearKey: rule.limits.oncePerPersonPerYear ? `${base}|year:${earned.year}` : null,
    employerKey: rule.limits.oncePerPersonPerEmployer ? `${base}|employer:${ids.employerId}` : null,
  };
}

const inValidity = (rule: { validFrom: string; validTo: string | null }, date: string) => date >= rule.validFrom && (rule.validTo === null || date <= rule.validTo);
const hasGroup = (wanted: readonly KeyGroup[], has: readonly KeyGroup[]) => wanted.length === 0 || wanted.some((g) => has.includes(g));

/** The band of the table a distance falls in, or null. */
export function transportBandFor(bands: readonly TransportBand[], distanceKm: number): TransportBand | null {
  return bands.find((b) => distanceKm >= b.fromKm && (b.toKm === null || distanceKm < b.toKm)) ?? null;
}

/** What a transport rule pays for this placement's arrival (one payment, due on arrival), or null. */
export function transportGrant(
  rule: TransportRuleData,
  facts: Pick<PlacementFacts, 'keyGroups' | 'organizedTransport' | 'stages' | 'travel'>,
): { amountFen: number; band: TransportBand; travel: TravelFacts; arrivedOn: string } | null {
  const arrivedOn = facts.stages.arrived;
  const travel = facts.travel;
  if (!rule.active || !arrivedOn || !travel || !inValidity(rule, arrivedOn)) return null;
  if (!hasGroup(rule.keyGroups, facts.keyGroups)) return null;
  if (rule.requires.organizedTransport && !facts.organizedTransport) return null;
  const band = transportBandFor(rule.bands, travel.distanceKm);
  const amountFen = band?.amountFen[travel.mode] ?? 0;
  if (!band || amountFen <= 0) return null;
  return { amountFen, band, travel, arrivedOn };
}

/** Calendar days from one China date to another, both counted. */
export function daysInclusive(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.max(1, Math.round(ms / 86_400_000) + 1);
}

/** What a training allowance rule pays for a completed course, or null. */
export function trainingAllowance(
  rule: TrainingAllowanceRuleData,
  keyGroups: readonly KeyGroup[],
  course: CourseFacts,
): { amountFen: number; days: number | null } | null {
  if (!rule.active || !inValidity(rule, course.completedOn)) return null;
  if (!hasGroup(rule.keyGroups, keyGroups)) return null;
  if (course.classHours < rule.allowance.minClassHours) return null;
  if (rule.allowance.per === 'course') return rule.allowance.amountFen > 0 ? { amountFen: rule.allowance.amountFen, days: null } : null;
  const all = daysInclusive(course.startsOn, course.endsOn);
  const days = rule.allowance.maxDays === null ? all : Math.min(all, rule.allowance.maxDays);
  const amountFen = rule.allowance.amountFen * days;
  return amountFen > 0 ? { amountFen, days } : null;
}
