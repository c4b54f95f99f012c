import { fenToYuanText, type WorkerGrant } from '@zhuanyi/shared';
import { t, type MessageKey } from '@/i18n';

/** "1200" → "1,200". */
function groupDigits(whole: string | number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 200000 fen → "2,000"; keeps jiao/fen only when present ("2,000.50"). */
export function yuanText(fen: number): string {
  const [whole = '0', cents = '00'] = fenToYuanText(fen).split('.');
  const grouped = groupDigits(whole);
  return cents === '00' ? grouped : `${grouped}.${cents}`;
}

/** The amount in the worker's language, e.g. 2,000 元. */
export function grantAmountText(fen: number): string {
  return t('grants.amount', { yuan: yuanText(fen) });
}

export function grantKindText(g: Pick<WorkerGrant, 'kind' | 'ruleName'>): string {
  return g.kind === 'other' ? g.ruleName : t(`grants.kind.${g.kind}` as MessageKey);
}

/** What the worker is told about the grant's status (paid without asking when needsClaim is false). */
export function grantStatusText(g: Pick<WorkerGrant, 'state' | 'needsClaim' | 'dueOn'>): string {
  if (g.state === 'due') return g.needsClaim ? t('grants.state.dueApply') : t('grants.state.dueAuto');
  if (g.state === 'waiting') return t('grants.state.waiting', { date: g.dueOn });
  return t(`grants.state.${g.state}` as MessageKey);
}

/** Why the grant has its amount, in plain words: the distance band and mode, or the course; null when nothing to say. */
export function grantBasisText(g: Pick<WorkerGrant, 'basis'>): string | null {
  const b = g.basis;
  if (!b) return null;
  if (b.kind === 'transport') {
    const band = b.toKm === null ? t('grants.basis.bandOpen', { from: String(b.fromKm) }) : t('grants.basis.band', { from: String(b.fromKm), to: String(b.toKm) });
    return t('grants.basis.transport', { km: groupDigits(b.distanceKm), band, mode: t(`grants.mode.${b.mode}`) });
  }
  return b.days === null
    ? t('grants.basis.training', { course: b.courseTitle, hours: String(b.classHours) })
    : t('grants.basis.trainingDays', { course: b.courseTitle, hours: String(b.classHours), days: String(b.days) });
}
