import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { canMoveApplication, type ApplicationStatus, type JobApplication } from '@zhuanyi/shared';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { StatusView } from '@/components/StatusView';
import { Tag, type TagTone } from '@/components/Tag';
import { getMyApplications, withdrawApplication } from '@/features/jobs/api/job-actions';
import { JobCard } from '@/features/jobs/components/JobCard';
import { formatShanghaiDate } from '@/features/jobs/format';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { go, routes } from '@/services/navigation';

const tone: Record<ApplicationStatus, TagTone> = { applied: 'info', contacted: 'info', hired: 'success', rejected: 'warn', withdrawn: 'neutral' };

/** 我的报名: every application with its status (已报名 → 已联系 → 已录用 / 未录用 / 已撤回). */
export default function ApplicationsPage() {
  const { state, reload } = useAsync(async () => (await getMyApplications()).items, 'applications', true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('jobs.myApplications') });
  }, []);

  const withdraw = (application: JobApplication) => {
    setError(null);
    withdrawApplication(application.id).then(
      () => reload(true),
      (e: unknown) => setError(errorText(e)),
    );
  };

  if (state.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (state.status === 'error') {
    return <Screen><StatusView kind="error" title={t('jobs.applicationsFailed')} hint={errorText(state.error)} onRetry={() => reload()} /></Screen>;
  }
  return (
    <Screen>
      <View className="zy-page">
        {error ? <Notice tone="error">{error}</Notice> : null}
        {state.data.length === 0 ? (
          <StatusView kind="empty" title={t('jobs.applicationsEmpty')} />
        ) : (
          state.data.map((application) => (
            <View key={application.id} className="zy-card">
              <View className="zy-inline">
                <Tag label={t(`application.status.${application.status}`)} tone={tone[application.status]} />
                <Text className="zy-muted">{t('jobs.appliedOn', { date: formatShanghaiDate(application.createdAt) })}</Text>
              </View>
              {application.job ? <JobCard job={application.job} onOpen={(id) => go(routes.jobDetail(id))} /> : null}
              {application.contactPhone ? <Text className="zy-text">{t('jobs.contactPhone', { phone: application.contactPhone })}</Text> : null}
              {canMoveApplication(application.status, 'withdrawn', 'worker') ? (
                <ActionButton kind="secondary" onTap={() => withdraw(application)}>
                  {t('jobs.withdraw')}
                </ActionButton>
              ) : null}
            </View>
          ))
        )}
      </View>
    </Screen>
  );
}
