/**
 * Working days in Asia/Shanghai (Monday to Friday; public holidays and make-up workdays are not
 * modelled). Used by the green-channel target and the labour-inspection clocks.
 */
import { shanghaiDayNumber } from './complaint-clocks';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** 0 = Sunday … 6 = Saturday for a Shanghai day number (day 0, 1970-01-01, was a Thursday). */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWorkingDayNumber(day: number): boolean {
  const w = weekdayOfDayNumber(day);
  return w !== 0 && w !== 6;
}

function endOfDay(day: number): Date {
  return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/**
 * The last millisecond of the Nth working day after the day of `from` (the day itself not
 * counted). N = 0 means the same day when it is a working day, else the next working day.
 */
export function endOfWorkingDaysAfter(from: Date, workingDays: number): Date {
  let day = shanghaiDayNumber(from);
  if (workingDays <= 0) {
    while (!isWorkingDayNumber(day)) day += 1;
    return endOfDay(day);
  }
  let left = workingDays;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(day)) left -= 1;
  }
  return endOfDay(day);
}

/** Working days from the day of `from` to the day of `to` (negative when `to` is earlier). */
export function workingDaysBetween(from: Date, to: Date): number {
  const a = shanghaiDayNumber(from);
  const b = shanghaiDayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = lo + 1; d <= hi; d += 1) if (isWorkingDayNumber(d)) n += 1;
  return n * sign;
}
