/**
 * Statutory clocks of a labour-dispute arbitration case (劳动争议调解仲裁法 §29, §43):
 * decide on acceptance within 5 days of receiving the application; give the award within
 * 45 days of acceptance, extendable once by at most 15 days. Days are calendar days in
 * Asia/Shanghai; the day of the event itself is not counted, so a period ends at the end of
 * the Nth following day. (Public holidays moving the last day are not modelled.)
 */

export const ACCEPTANCE_DAYS = 5;
export const AWARD_DAYS = 45;
export const AWARD_EXTENSION_MAX_DAYS = 15;

const DAY_MS = 86_400_000;
/** Asia/Shanghai has no daylight saving time. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 in Asia/Shanghai. */
export function shanghaiDayNumber(at: Date): number {
  return Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The last millisecond of the Shanghai calendar day `days` after the day of `from`. */
export function endOfShanghaiDayAfter(from: Date, days: number): Date {
  return new Date((shanghaiDayNumber(from) + days + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

export function acceptanceDueAt(receivedAt: Date): Date {
  return endOfShanghaiDayAfter(receivedAt, ACCEPTANCE_DAYS);
}

/** Throws RangeError unless 0 ≤ extensionDays ≤ 15 and whole. */
export function awardDueAt(acceptedAt: Date, extensionDays = 0): Date {
  if (!isValidAwardExtension(extensionDays) && extensionDays !== 0) {
    throw new RangeError(`award extension must be 1..${AWARD_EXTENSION_MAX_DAYS} days`);
  }
  return endOfShanghaiDayAfter(acceptedAt, AWARD_DAYS + extensionDays);
}

/** One extension of 1 to 15 whole days. */
export function isValidAwardExtension(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= AWARD_EXTENSION_MAX_DAYS;
}

export type ClockKind = 'acceptance' | 'award';
/** running: open, not yet due; overdue: open, past due; met: stopped in time; late: stopped after due. */
export type ClockState = 'running' | 'overdue' | 'met' | 'late';

export interface StatutoryClock {
  kind: ClockKind;
  startedAt: Date;
  dueAt: Date;
  stoppedAt: Date | null;
  state: ClockState;
  /** Whole Shanghai calendar days from today to the due day (0 = due today, negative = overdue); null once stopped. */
  daysLeft: number | null;
  extensionDays: number;
}

export interface CaseDates {
  /** When the application was received (filed). */
  receivedAt: Date;
  /** When acceptance was decided (accepted or not accepted). */
  decidedAt?: Date | null;
  /** Set only when accepted. */
  acceptedAt?: Date | null;
  awardExtensionDays?: number;
  /** Award given, settlement reached or case otherwise closed. */
  closedAt?: Date | null;
}

function clock(kind: ClockKind, startedAt: Date, dueAt: Date, stoppedAt: Date | null, now: Date, extensionDays: number): StatutoryClock {
  if (stoppedAt) {
    return { kind, startedAt, dueAt, stoppedAt, state: stoppedAt <= dueAt ? 'met' : 'late', daysLeft: null, extensionDays };
  }
  return {
    kind,
    startedAt,
    dueAt,
    stoppedAt: null,
    state: now <= dueAt ? 'running' : 'overdue',
    daysLeft: shanghaiDayNumber(dueAt) - shanghaiDayNumber(now),
    extensionDays,
  };
}

/** The clocks that apply to a case now: acceptance always, award once accepted. */
export function complaintClocks(dates: CaseDates, now: Date): StatutoryClock[] {
  const clocks = [clock('acceptance', dates.receivedAt, acceptanceDueAt(dates.receivedAt), dates.decidedAt ?? null, now, 0)];
  if (dates.acceptedAt) {
    const ext = dates.awardExtensionDays ?? 0;
    clocks.push(clock('award', dates.acceptedAt, awardDueAt(dates.acceptedAt, ext), dates.closedAt ?? null, now, ext));
  }
  return clocks;
}
