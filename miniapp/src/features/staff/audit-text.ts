import { hasMessage, t } from '@/i18n';

/** An internal word of an audit entry as plain Chinese, or the word itself when it has none. */
function word(w: string): string {
  const key = `staff.audit.words.${w}`;
  return hasMessage(key) ? t(key) : w;
}

/** The entry's target type ("job" → 岗位). */
export function auditTargetText(type: string): string {
  return word(type);
}

/** The entry's detail with internal words ("employment unemployed → employed", "idNumber,phone") in Chinese. */
export function auditDetailText(detail: string): string {
  return detail
    .replace(/[A-Za-z_]+/g, (w) => word(w))
    .replace(/,/g, '、')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
