import Taro from '@tarojs/taro';
import { EnrollmentStatusSchema, nextEnrollmentStatuses, type EnrollmentStatus, type StaffEnrollment } from '@zhuanyi/shared';
import { useEffect } from 'react';
import { ProgressList } from '@/features/applications/components/ProgressList';
import { listStaffEnrollments, moveEnrollment } from '@/features/training/api/staff-enrollments-api';
import { enrollmentTone, formatChinaDay } from '@/features/training/format';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { t } from '@/i18n';

type StaffMove = 'confirmed' | 'in_training' | 'completed' | 'failed';

function lines(e: StaffEnrollment): string[] {
  return [
    t('progress.enrollments.course', { title: e.courseTitle }),
    t('progress.enrollments.learner', { name: e.learnerName ?? t('progress.applications.unnamed') }),
    ...(e.learnerPhoneMasked ? [t('progress.applications.phone', { phone: e.learnerPhoneMasked })] : []),
    t('progress.enrollments.signedUpOn', { date: formatChinaDay(e.createdAt) }),
  ];
}

/** County staff move course sign-ups forward: 已确认 → 培训中 → 已结业 / 未通过 (audited; the worker is told). */
export default function StaffEnrollmentsPage() {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('progress.enrollments.title') });
  }, []);
  return (
    <StaffGate allow={staffCan.registry}>
      {() => (
        <ProgressList<EnrollmentStatus, StaffEnrollment>
          intro={t('progress.enrollments.intro')}
          statuses={EnrollmentStatusSchema.options}
          statusLabel={(s) => t(`enrollment.status.${s}`)}
          tone={(s) => enrollmentTone[s]}
          load={listStaffEnrollments}
          next={(s) => nextEnrollmentStatuses(s, 'staff')}
          moveLabel={(to) => t(`progress.enrollments.move.${to as StaffMove}`)}
          move={(id, to, key) => moveEnrollment(id, { to: to as StaffMove }, key)}
          lines={lines}
          empty={t('progress.enrollments.empty')}
          loadFailed={t('progress.enrollments.loadFailed')}
        />
      )}
    </StaffGate>
  );
}
