import Taro from '@tarojs/taro';
import { ApplicationStatusSchema, nextApplicationStatuses, type ApplicationStatus, type StaffApplication } from '@zhuanyi/shared';
import { useEffect } from 'react';
import type { TagTone } from '@/components/Tag';
import { ProgressList } from '@/features/applications/components/ProgressList';
import { listStaffApplications, moveApplication, revealApplicantPhone } from '@/features/applications/api/staff-applications-api';
import { formatShanghaiDate } from '@/features/jobs/format';
import { PhoneReveal } from '@/features/staff/components/PhoneReveal';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { t } from '@/i18n';

const TONE: Record<ApplicationStatus, TagTone> = { applied: 'info', contacted: 'public', hired: 'success', rejected: 'warn', withdrawn: 'neutral' };
type StaffMove = 'contacted' | 'hired' | 'rejected';

function lines(a: StaffApplication): string[] {
  return [
    t('progress.applications.job', { title: a.jobTitle }),
    t('progress.applications.applicant', { name: a.applicantName ?? t('progress.applications.unnamed') }),
    t('progress.applications.appliedOn', { date: formatShanghaiDate(a.createdAt) }),
  ];
}

/** County staff move job applications forward: 已联系 → 已录用 / 未录用 (audited; the worker is told). */
export default function StaffApplicationsPage() {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('progress.applications.title') });
  }, []);
  return (
    <StaffGate allow={staffCan.registry}>
      {() => (
        <ProgressList<ApplicationStatus, StaffApplication>
          intro={t('progress.applications.intro')}
          statuses={ApplicationStatusSchema.options}
          statusLabel={(s) => t(`application.status.${s}`)}
          tone={(s) => TONE[s]}
          load={listStaffApplications}
          next={(s) => nextApplicationStatuses(s, 'staff')}
          moveLabel={(to) => t(`progress.applications.move.${to as StaffMove}`)}
          move={(id, to, key) => moveApplication(id, { to: to as StaffMove }, key)}
          lines={lines}
          extra={(a) => <PhoneReveal masked={a.applicantPhoneMasked} reveal={async (reason) => (await revealApplicantPhone(a.id, reason)).phone} />}
          empty={t('progress.applications.empty')}
          loadFailed={t('progress.applications.loadFailed')}
        />
      )}
    </StaffGate>
  );
}
