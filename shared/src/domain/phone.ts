/** Mainland China mobile numbers: 11 digits starting 13-19. */

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Removes spaces, dashes and a +86 / 0086 prefix. */
export function normalizeMobilePhone(input: string): string {
  const compact = input.replace(/[\s-]+/g, '');
  return compact.replace(/^(\+86|0086)(?=1\d{10}$)/, '');
}

export function isMobilePhone(input: string): boolean {
  return MOBILE_PATTERN.test(normalizeMobilePhone(input));
}

export type MobilePhoneProblem = 'digits' | 'length' | 'prefix';

/** What is wrong with a mobile number, or null when it is one. */
export function checkMobilePhone(input: string): MobilePhoneProblem | null {
  const p = normalizeMobilePhone(input);
  if (MOBILE_PATTERN.test(p)) return null;
  if (!/^\d+$/.test(p)) return 'digits';
  if (p.length !== 11) return 'length';
  return 'prefix';
}

/** `138****5678`. */
export function maskMobilePhone(input: string): string {
  const p = normalizeMobilePhone(input);
  if (p.length < 8) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}
