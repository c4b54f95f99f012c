import type { IntakeQueueItem, WatchCounts } from '@zhuanyi/shared';
import { formatYuan } from '@/features/jobs/format';
import { t } from '@/i18n';

export { formatYuan };

/** The month (YYYY-MM) in Beijing for an instant. */
export function beijingMonth(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** "2026-01" + (-1) → "2025-12". */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return t('staff.report.month', { year: y ?? '', month: String(Number(m)) });
}

/** 0.734 → "73.4%"; null → "—". */
export function percent(ratio: number | null): string {
  if (ratio === null) return t('staff.report.noValue');
  return t('staff.report.percent', { value: String(Math.round(ratio * 1000) / 10) });
}

export type Urgency = IntakeQueueItem['urgency'];

/** Village rows with their total, the largest first (the chart scales to the largest). */
export function villageRows(counts: WatchCounts) {
  const rows = counts.villages.map((v) => ({ ...v, total: v.red + v.orange + v.yellow + v.green }));
  rows.sort((a, b) => b.red - a.red || b.orange - a.orange || b.total - a.total);
  const max = Math.max(1, ...rows.map((r) => r.total));
  return { rows, max };
}

/** Share of a bar, as a CSS width. */
export const widthOf = (part: number, whole: number): string => `${whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0}%`;

/** Bar heights in % of the largest (non-zero bars at least 4% so they stay visible). */
export function barHeights(counts: readonly number[]): number[] {
  const max = Math.max(0, ...counts);
  return counts.map((c) => (max === 0 || c === 0 ? 0 : Math.max(4, Math.round((c / max) * 100))));
}
