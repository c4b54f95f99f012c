/** Money is integer fen everywhere (1 yuan = 100 fen). */

/** Largest amount we accept from a form: 100 million yuan. */
export const MAX_YUAN = 100_000_000;

/**
 * "12,345.6" / "12345.67元" / 12345.67 → 1234567 fen; null when it is not a non-negative amount
 * with at most two decimals. Parsed from the text, never through floating-point multiplication.
 */
export function yuanToFen(input: string | number): number | null {
  const text = (typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input)
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/(元|圆|块)$/, '');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return null;
  const whole = Number(m[1]);
  if (whole > MAX_YUAN) return null;
  const cents = Number((m[2] ?? '').padEnd(2, '0'));
  return whole * 100 + cents;
}

/** 1234567 → "12345.67" */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
