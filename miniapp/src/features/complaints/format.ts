import { ComplaintWarningKeys, renderTimelineNotes, type Complaint, type ComplaintWarningCode, type LocaleCode, type OfficeRef } from '@zhuanyi/shared';
import { getLocale, listSeparator, regionFullName, regionName, t, tIn, type MessageKey } from '@/i18n';

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

/** ISO instant → "2026年11月27日" (Beijing), in the current or the given language. */
export function chinaDate(iso: string, locale: LocaleCode = getLocale()): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  return tIn(locale, 'common.dateFull', { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** ISO instant → "11月22日 08:41" (Beijing), in the current or the given language. */
export function chinaDateTime(iso: string, locale: LocaleCode = getLocale()): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return tIn(locale, 'common.dateTime', { month: d.getUTCMonth() + 1, day: d.getUTCDate(), time: `${hh}:${mm}` });
}

/**
 * A timeline entry's note in the reader's language: the server's codes rendered through the catalogs;
 * older entries (and free-text reasons) have only their stored Chinese text.
 */
export function timelineNoteText(entry: Pick<TimelineEntry, 'note' | 'notes'>, locale: LocaleCode = getLocale()): string | null {
  if (!entry.notes?.length) return entry.note;
  return renderTimelineNotes(entry.notes, {
    t: (key, params) => tIn(locale, key as MessageKey, params),
    day: (iso) => chinaDate(iso, locale),
    at: (iso) => chinaDateTime(iso, locale),
    listSeparator: listSeparator(locale),
    region: (code, zhName) => regionFullName(code, zhName, locale),
    regionName: (code, zhName) => regionName(code, zhName, locale),
  });
}

/** An office by kind and county ("科尔沁左翼中旗 劳动保障监察/仲裁院") in the reader's language; the county in Chinese where the language has no name for it. */
export function officeName(office: OfficeRef, locale: LocaleCode = getLocale()): string {
  return tIn(locale, `complaint.officeKind.${office.kind}`, { region: regionName(office.regionCode, office.regionName, locale) });
}

/** The office handling a case as the worker reads it: from its code; the server's Chinese name only where there is none (older servers). */
export function caseOfficeText(c: { office: string | null; officeRef?: OfficeRef | null }, locale: LocaleCode = getLocale()): string | null {
  return c.officeRef ? officeName(c.officeRef, locale) : c.office;
}

/** A warning on a case (60 or older, group case) in the reader's language. */
export function complaintWarningText(code: ComplaintWarningCode, locale: LocaleCode = getLocale()): string {
  return tIn(locale, ComplaintWarningKeys[code]);
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
