/**
 * 身份证号 rules (GB 11643-1999): 17 digits + check character (0-9 or X).
 * Pure functions; no I/O. Dates are calendar dates ('YYYY-MM-DD').
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const ID_PATTERN = /^[1-9]\d{16}[\dX]$/;

export type Sex = 'male' | 'female';

export type IdNumberProblem = 'format' | 'birthDate' | 'checksum';

export interface IdNumberInfo {
  idNumber: string;
  /** GB/T 2260 code of the county where the number was issued. */
  regionCode: string;
  birthDate: string;
  sex: Sex;
}

export type IdNumberResult = ({ valid: true } & IdNumberInfo) | { valid: false; problem: IdNumberProblem };

/** Trims, removes inner spaces and upper-cases a trailing x. */
export function normalizeIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idNumberCheckChar needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/** An example 身份证号 that passes the check digit (for documents and templates). */
export const exampleIdNumber = (first17: string): string => first17 + idNumberCheckChar(first17);

/** True when y-m-d is a real calendar date. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Today's calendar date in China (UTC+8, no daylight saving). */
export function chinaDateOf(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Parses and checks a 身份证号; `today` ('YYYY-MM-DD', China date) bounds the birth date. */
export function parseIdNumber(input: string, today: string = chinaDateOf(new Date())): IdNumberResult {
  const id = normalizeIdNumber(input);
  if (!ID_PATTERN.test(id)) return { valid: false, problem: 'format' };
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = id.slice(6, 10) + '-' + id.slice(10, 12) + '-' + id.slice(12, 14);
  if (year < 1900 || !isCalendarDate(year, month, day) || birthDate > today) {
    return { valid: false, problem: 'birthDate' };
  }
  if (idNumberCheckChar(id.slice(0, 17)) !== id.slice(17)) return { valid: false, problem: 'checksum' };
  return {
    valid: true,
    idNumber: id,
    regionCode: id.slice(0, 6),
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

export function isValidIdNumber(input: string, today?: string): boolean {
  return parseIdNumber(input, today).valid;
}

/** Full years between a birth date and a day (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** Age today in China for a valid 身份证号, or null when it is not valid. */
export function ageFromIdNumber(input: string, today: string = chinaDateOf(new Date())): number | null {
  const r = parseIdNumber(input, today);
  return r.valid ? ageOn(r.birthDate, today) : null;
}

/** `150502********123X`: keeps the first 6 and last 4 characters. */
export function maskIdNumber(input: string): string {
  const id = normalizeIdNumber(input);
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
