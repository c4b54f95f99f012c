import type { FitWarning, JobSummary } from '@zhuanyi/shared';
import { t, type MessageKey } from '@/i18n';

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

/** Where the work is: the address once, led by the region only when the address does not already name it. */
export function jobAddressText(job: { regionName: string; workAddress: string }): string {
  const address = job.workAddress.trim();
  if (address === '') return job.regionName;
  return address.includes(job.regionName) ? address : `${job.regionName} ${address}`;
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
