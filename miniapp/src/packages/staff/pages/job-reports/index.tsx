import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { SingleChoice } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { actOnJobReport, listJobReports } from '@/features/staff/api/job-reports-api';
import { JobReportCard } from '@/features/staff/components/JobReportCard';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';

function Reports() {
  const [status, setStatus] = useState<'open' | 'handled'>('open');
  const { state, reload } = useAsync(() => listJobReports(status), status);
  if (state.status === 'loading') return <StatusView kind="loading" title={t('common.loading')} />;
  if (state.status === 'error') return <StatusView kind="error" title={t('staff.jobReports.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} />;
  return (
    <View>
      <Text className="zy-text">{t('staff.jobReports.intro', { count: state.data.openCount })}</Text>
      <SingleChoice
        label={t('staff.jobReports.show')}
        inline
        value={status}
        options={[
          { value: 'open', label: t('staff.jobReports.open') },
          { value: 'handled', label: t('staff.jobReports.handled') },
        ]}
        onChange={setStatus}
      />
      {state.data.items.length === 0 ? <Text className="zy-muted">{t('staff.jobReports.empty')}</Text> : null}
      {state.data.items.map((r) => (
        <JobReportCard
          key={r.id}
          report={r}
          act={async (body) => {
            await actOnJobReport(r.id, body);
            reload();
          }}
        />
      ))}
    </View>
  );
}

/** Reports on jobs of this county (by where the job is): take down, warn the employer, or dismiss with a reason. */
export default function StaffJobReportsPage() {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('staff.jobReports.title') });
  }, []);
  return <StaffGate allow={staffCan.registry}>{() => <Reports />}</StaffGate>;
}
