import type { LocaleCode, WorkerRegistration } from '@zhuanyi/shared';
import { getLocale, regionFullName } from '@/i18n';

/**
 * A household address in the reader's language: the region path named level by level where the data has the
 * language's names (the pilot counties and up), the rest of the path (township, village) in Chinese, then the
 * free-text part (三组) as typed.
 */
export function householdAddressText(household: Pick<WorkerRegistration['household'], 'regionCode' | 'regionName' | 'group'>, locale: LocaleCode = getLocale()): string {
  return [regionFullName(household.regionCode, household.regionName, locale), household.group.trim()].filter((part) => part !== '').join(' ');
}
