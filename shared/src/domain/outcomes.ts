/**
 * Confirmed outcomes (到岗、离岗、返乡、自主创业、公益性岗位) and what each does to a person's current
 * employment state in the registry. Pure rules, no I/O: the BFF applies them and keeps the history.
 */
import type { EmploymentStatus, WorkLocation } from '../schemas/worker.schema';
import type { TravelFacts } from './subsidy-rules';

export const OutcomeKinds = ['arrived', 'left', 'returned_home', 'started_business', 'public_welfare_post'] as const;
export type OutcomeKind = (typeof OutcomeKinds)[number];

/** Where a job-history entry came from. */
export const HistorySources = ['team', 'staff', 'import', 'pes', 'registration'] as const;
export type HistorySource = (typeof HistorySources)[number];

/** Public welfare post contracts run at most one year each [001 §14]. */
export const WELFARE_POST_MONTHS = 12;

export interface OutcomeFacts {
  kind: OutcomeKind;
  /** China date 'YYYY-MM-DD' the outcome happened. */
  on: string;
  location?: WorkLocation | undefined;
  regionCode?: string | undefined;
  employerName?: string | undefined;
  trade?: string | undefined;
  organizedByGovernment?: boolean | undefined;
  postEndsOn?: string | undefined;
  /** 到岗: distance and mode of the trip (for the transport grant). */
  travel?: TravelFacts | undefined;
}

export interface EmploymentState {
  status: EmploymentStatus;
  destination: {
    location: WorkLocation;
    regionCode?: string;
    employerName?: string;
    trade?: string;
    startedOn: string;
    organizedByGovernment: boolean;
  } | null;
  tracking: { endedOn: string | null; unemployedSince: string | null; postEndsOn: string | null };
}

/** Where a workplace lies seen from a household: same county, same province, or further. */
export function locationOf(householdCode: string, workRegionCode: string | null | undefined): WorkLocation | null {
  if (!workRegionCode) return null;
  if (workRegionCode.slice(0, 6) === householdCode.slice(0, 6) && workRegionCode.length >= 6) return 'in_county';
  if (workRegionCode.slice(0, 2) === householdCode.slice(0, 2)) return 'in_province';
  return 'out_of_province';
}

/** The employment state after an outcome (the previous state matters only for "left": what ended). */
export function stateAfter(o: OutcomeFacts, householdCode: string, postEndsDefault: string): EmploymentState {
  const location = o.location ?? locationOf(householdCode, o.regionCode) ?? 'in_county';
  const dest = (status: EmploymentStatus) => ({
    location,
    ...(o.regionCode ? { regionCode: o.regionCode } : {}),
    ...(o.employerName ? { employerName: o.employerName } : {}),
    ...(o.trade ? { trade: o.trade } : {}),
    startedOn: o.on,
    organizedByGovernment: o.organizedByGovernment ?? (status === 'public_welfare_post'),
  });
  switch (o.kind) {
    case 'arrived':
      return { status: 'employed', destination: dest('employed'), tracking: { endedOn: null, unemployedSince: null, postEndsOn: null } };
    case 'started_business':
      return { status: 'self_employed', destination: dest('self_employed'), tracking: { endedOn: null, unemployedSince: null, postEndsOn: null } };
    case 'public_welfare_post':
      return { status: 'public_welfare_post', destination: dest('public_welfare_post'), tracking: { endedOn: null, unemployedSince: null, postEndsOn: o.postEndsOn ?? postEndsDefault } };
    case 'left':
    case 'returned_home':
      return { status: 'unemployed', destination: null, tracking: { endedOn: o.on, unemployedSince: o.on, postEndsOn: null } };
  }
}
