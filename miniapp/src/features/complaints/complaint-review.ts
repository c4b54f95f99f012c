/** The review before the first submission: everything the worker entered, in plain words, by form step. */
import { fenToYuanText } from '@zhuanyi/shared';
import { itemSeparator, t } from '@/i18n';
import { amountFen, type ComplaintValues } from './complaint-form';

export interface ReviewRow {
  label: string;
  /** What was entered, in words; null when left empty (shown as 没填). */
  value: string | null;
}

export interface ReviewSection {
  /** The form step to go back to for changes. */
  step: number;
  title: string;
  rows: ReviewRow[];
}

const given = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/** The card shown by its last four digits only (a phone screen is easily seen by others). */
export function cardTail(card: string): string | null {
  const digits = card.replace(/\D/g, '');
  return digits.length === 0 ? null : t('complaint.review.cardTail', { last4: digits.slice(-4) });
}

export function complaintReview(v: ComplaintValues, evidenceNames: readonly string[]): ReviewSection[] {
  const construction = v.caseType === 'construction';
  const fen = amountFen(v);
  const period = v.workFrom || v.workTo ? t('complaint.review.period', { from: v.workFrom || '?', to: v.workTo || '?' }) : null;
  const coWorkers = Number(v.coWorkersOwed.trim() || '0');
  return [
    {
      step: 0,
      title: t('complaint.steps.who'),
      rows: [
        { label: t('complaint.caseType'), value: v.caseType ? t(v.caseType === 'construction' ? 'complaint.caseTypeConstruction' : 'complaint.caseTypeOther') : null },
        { label: t('complaint.respondentKind'), value: v.respondentKind ? t(v.respondentKind === 'foreman' ? 'complaint.kindForeman' : 'complaint.kindEmployer') : null },
        { label: t('complaint.respondentName'), value: given(v.respondentName) },
        { label: t('complaint.respondentPhone'), value: given(v.respondentPhone) },
      ],
    },
    {
      step: 1,
      title: t('complaint.steps.where'),
      rows: [
        ...(construction ? [{ label: t('complaint.projectName'), value: given(v.projectName) }] : []),
        { label: t('complaint.projectRegion'), value: v.projectRegionPath.length > 0 ? v.projectRegionPath.map((r) => r.name).join(' ') : null },
        { label: t('complaint.projectAddress'), value: given(v.projectAddress) },
        ...(construction ? [{ label: t('complaint.mainContractor'), value: given(v.mainContractor) }] : []),
        { label: t('complaint.review.workPeriod'), value: period },
      ],
    },
    {
      step: 2,
      title: t('complaint.steps.money'),
      rows: [
        { label: t('complaint.amount'), value: typeof fen === 'number' ? t('complaint.review.yuan', { amount: fenToYuanText(fen) }) : null },
        { label: t('complaint.coWorkers'), value: coWorkers > 0 ? t('complaint.review.people', { count: coWorkers }) : t('common.none') },
      ],
    },
    {
      step: 3,
      title: t('complaint.steps.want'),
      rows: [
        { label: t('complaint.demands'), value: v.demands.length > 0 ? v.demands.map((d) => t(`complaint.demandsLabel.${d}`)).join(itemSeparator()) : null },
        { label: t('complaint.demandNote'), value: given(v.demandNote) },
        { label: t('complaint.bankCard'), value: cardTail(v.bankCard) },
        ...(given(v.bankCard) ? [{ label: t('complaint.bankName'), value: given(v.bankName) }] : []),
      ],
    },
    {
      step: 4,
      title: t('complaint.steps.evidence'),
      rows: [{ label: t('complaint.review.files', { count: evidenceNames.length }), value: evidenceNames.length > 0 ? evidenceNames.join(itemSeparator()) : null }],
    },
  ];
}
