import type { FitWarning, JobSummary, LocaleCode } from '@zhuanyi/shared';
import { getLocale, regionFullName, t, type MessageKey } from '@/i18n';

/** 450000 fen → "4,500"; keeps jiao/fen only when present ("4,500.50"). No Intl: weapp engines vary. */
export function formatYuan(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = cents === 0 ? grouped : `${grouped}.${String(cents).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Monthly pay as shown on a card: a range, one amount, or negotiable when unknown (0). */
export function formatPay(job: Pick<JobSummary, 'payMinFen' | 'payMaxFen'>): string {
  const low = Math.min(job.payMinFen, job.payMaxFen);
  const high = Math.max(job.payMinFen, job.payMaxFen);
  if (high === 0) return t('jobs.payNegotiable');
  if (low === 0 || low === high) return t('jobs.payExact', { amount: formatYuan(high) });
  return t('jobs.payRange', { min: formatYuan(low), max: formatYuan(high) });
}

/**
 * Where the work is, in the reader's language: the address once, led by the region only when the address does
 * not already name it. The region part (up to the job's region name) is named level by level in the language
 * where the data has it; what follows (street, site) stays as typed.
 */
export function jobAddressText(job: { regionCode: string; regionName: string; workAddress: string }, locale: LocaleCode = getLocale()): string {
  const address = job.workAddress.trim();
  const at = job.regionName === '' ? -1 : address.indexOf(job.regionName);
  if (at < 0) return [regionFullName(job.regionCode, job.regionName, locale), address].filter((part) => part !== '').join(' ');
  const end = at + job.regionName.length;
  return [regionFullName(job.regionCode, address.slice(0, end), locale), address.slice(end).trim()].filter((part) => part !== '').join(' ');
}

export function transportLabelKey(transport: JobSummary['transport']): MessageKey | null {
  if (transport === 'shuttle') return 'job.transport.shuttle';
  if (transport === 'point_to_point') return 'job.transport.point_to_point';
  return null;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An ISO instant as a Beijing-time date "11月30日" (no DST in China, so a fixed offset is exact). */
export function formatShanghaiDate(iso: string): string {
  const date = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  return t('common.dateShort', { month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** A job-fit warning in the reader's language. */
export function fitWarningText(w: FitWarning): string {
  return w.code === 'age_outside'
    ? t('job.warning.ageOutside', { min: w.min, max: w.max, age: w.age })
    : t('job.warning.certificateRequired', { requirement: w.requirement });
}
