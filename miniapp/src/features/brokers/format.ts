import { fenToYuanText } from '@zhuanyi/shared';

/** 30000 → "300", 12345 → "123.45". */
export function yuan(fen: number): string {
  const text = fenToYuanText(fen);
  return text.endsWith('.00') ? text.slice(0, -3) : text;
}

/** Bar heights in percent of the largest month (0 stays 0; a non-zero month shows at least 4%). */
export function barHeights(counts: readonly number[]): number[] {
  const max = Math.max(0, ...counts);
  return counts.map((c) => (max === 0 || c === 0 ? 0 : Math.max(4, Math.round((c / max) * 100))));
}
