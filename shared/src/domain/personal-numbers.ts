/**
 * Personal numbers typed into free text (descriptions, notes, addresses): 身份证号 with a valid
 * check character and date, mainland mobile numbers, and bank card numbers (16–19 digits passing
 * Luhn). Digits may be grouped by spaces or dashes, as people type them.
 */
import { isValidIdNumber, maskIdNumber } from './id-card';
import { isMobilePhone, maskMobilePhone, normalizeMobilePhone } from './phone';

export type PersonalNumberKind = 'idNumber' | 'phone' | 'bankCard';

export interface PersonalNumberMatch {
  kind: PersonalNumberKind;
  start: number;
  end: number;
  /** Without separators (phones also without +86). */
  value: string;
}

/** Luhn check (bank cards). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A run of digits (and a final X), single spaces or dashes between them, not touching other letters or digits. */
const CANDIDATE = /(?<![0-9A-Za-z])(?:\+?86[ -]?)?\d(?:[ -]?\d){9,18}(?:[ -]?[Xx])?(?![0-9A-Za-z])/g;

function classify(raw: string): { kind: PersonalNumberKind; value: string } | null {
  const compact = raw.replace(/[ -]/g, '');
  if (/^\d{17}[\dXx]$/.test(compact) && isValidIdNumber(compact)) return { kind: 'idNumber', value: compact.toUpperCase() };
  if (isMobilePhone(raw)) return { kind: 'phone', value: normalizeMobilePhone(raw) };
  if (/^\d{16,19}$/.test(compact) && luhnValid(compact)) return { kind: 'bankCard', value: compact };
  return null;
}

export function findPersonalNumbers(text: string): PersonalNumberMatch[] {
  const out: PersonalNumberMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const found = classify(m[0]);
    if (found) out.push({ ...found, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** `6222 **** **** 0123` → `****0123`: a card keeps its last 4 digits only. */
export function maskBankCard(digits: string): string {
  return `****${digits.slice(-4)}`;
}

export function maskPersonalNumber(kind: PersonalNumberKind, value: string): string {
  if (kind === 'idNumber') return maskIdNumber(value);
  if (kind === 'phone') return maskMobilePhone(value);
  return maskBankCard(value);
}

/** The text with every personal number masked (for logs and anything shown). */
export function maskPersonalNumbers(text: string): string {
  let out = '';
  let at = 0;
  for (const m of findPersonalNumbers(text)) {
    out += text.slice(at, m.start) + maskPersonalNumber(m.kind, m.value);
    at = m.end;
  }
  return out + text.slice(at);
}
