import { enrollmentSourcesOf, type CourseSummary, type EnrollmentStatus } from '@zhuanyi/shared';
import type { TagTone } from '@/components/Tag';
import { itemSeparator, t } from '@/i18n';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** 2026-12-01T01:00Z → "2026年12月1日" (Beijing time). */
export function formatChinaDay(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  return t('common.dateFull', { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** Seats left, 名额已满, or 已截止报名 when sign-up has closed with seats left. */
export function seatsText(course: Pick<CourseSummary, 'seatsLeft' | 'signUpOpen'>): string {
  if (course.seatsLeft === 0) return t('training.full');
  return course.signUpOpen ? t('training.seatsLeft', { count: course.seatsLeft }) : t('training.closed');
}

/** Before training starts the worker may still cancel (shared state machine). */
export function canCancel(status: EnrollmentStatus): boolean {
  return enrollmentSourcesOf('cancelled', 'worker').includes(status);
}

export function audienceText(audiences: CourseSummary['freeFor']): string {
  return audiences.map((a) => t(`audience.${a}`)).join(itemSeparator());
}

export const enrollmentTone: Record<EnrollmentStatus, TagTone> = {
  applied: 'info',
  confirmed: 'info',
  in_training: 'public',
  completed: 'success',
  failed: 'warn',
  cancelled: 'neutral',
};


