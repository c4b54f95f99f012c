import type { Complaint } from '@zhuanyi/shared';
import { t } from '@/i18n';

type Clock = Complaint['clocks'][number];
type TimelineEntry = Complaint['timeline'][number];

/** Timeline steps: entries in a row with the same status (a confirmation, an extension) under one heading. */
export function timelineSteps(timeline: readonly TimelineEntry[]): Array<{ status: TimelineEntry['status']; entries: TimelineEntry[] }> {
  const steps: Array<{ status: TimelineEntry['status']; entries: TimelineEntry[] }> = [];
  for (const entry of timeline) {
    const last = steps[steps.length - 1];
    if (last && last.status === entry.status) last.entries.push(entry);
    else steps.push({ status: entry.status, entries: [entry] });
  }
  return steps;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** ISO instant → "2026年11月27日" (Beijing). */
export function chinaDate(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  return t('common.dateFull', { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** ISO instant → "11月22日 08:41" (Beijing). */
export function chinaDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return t('common.dateTime', { month: d.getUTCMonth() + 1, day: d.getUTCDate(), time: `${hh}:${mm}` });
}

/** Where a statutory clock stands, in a few words. */
export function clockStateText(clock: Clock): string {
  if (clock.state === 'met') return t('complaint.clockMet');
  if (clock.state === 'late') return t('complaint.clockLate');
  if (clock.daysLeft === null) return '';
  if (clock.daysLeft < 0) return t('complaint.overdue', { days: -clock.daysLeft });
  if (clock.daysLeft === 0) return t('complaint.dueToday');
  return t('complaint.daysLeft', { days: clock.daysLeft });
}
