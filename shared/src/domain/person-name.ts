/**
 * Person names as written on a 身份证: Han characters, with `·` between the parts of
 * transliterated minority names (阿卜杜热合曼·买买提艾力). 2 to 30 characters.
 */

export const PERSON_NAME_MAX = 30;
export const PERSON_NAME_MIN = 2;

// Explicit ranges instead of \p{Script=Han} so older mini-program engines parse it.
const HAN = '[\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u{20000}-\\u{2FA1F}]';
const NAME_PATTERN = new RegExp(`^${HAN}+(?:·${HAN}+)*$`, 'u');
// Dots people type instead of U+00B7.
const DOT_VARIANTS = /[•・．.。‧∙⋅·]/g;

export type PersonNameProblem = 'empty' | 'tooShort' | 'tooLong' | 'characters';

/** Trims, drops inner spaces and unifies the middle dot to `·` (U+00B7). */
export function normalizePersonName(input: string): string {
  return input.trim().replace(/\s+/g, '').replace(DOT_VARIANTS, '·');
}

/** Length in characters (code points, so rare characters count once). */
export function personNameLength(name: string): number {
  return Array.from(name).length;
}

/** Null when the (already normalized) name is acceptable, else the problem. */
export function checkPersonName(name: string): PersonNameProblem | null {
  if (name.length === 0) return 'empty';
  const len = personNameLength(name);
  if (len > PERSON_NAME_MAX) return 'tooLong';
  if (!NAME_PATTERN.test(name)) return 'characters';
  if (len < PERSON_NAME_MIN) return 'tooShort';
  return null;
}

export function isPersonName(input: string): boolean {
  return checkPersonName(normalizePersonName(input)) === null;
}

/** `张*`, `阿*****·***` style masking: keeps the first character. */
export function maskPersonName(input: string): string {
  const chars = Array.from(normalizePersonName(input));
  return chars.map((c, i) => (i === 0 || c === '·' ? c : '*')).join('');
}
