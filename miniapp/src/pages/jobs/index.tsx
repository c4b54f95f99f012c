import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Screen } from '@/components/Screen';
import { useSession } from '@/features/auth/hooks/use-session';
import { hasExtraFilters, type JobFilters as Filters } from '@/features/jobs/api/get-jobs';
import { JobFilters } from '@/features/jobs/components/JobFilters';
import { JobAlertCard } from '@/features/job-alerts/components/JobAlertCard';
import { LanguageSwitch } from '@/features/language/components/LanguageSwitch';
import { JobList } from '@/features/jobs/components/JobList';
import { RecommendedJobs } from '@/features/jobs/components/RecommendedJobs';
import { useJobs } from '@/features/jobs/hooks/use-jobs';
import { t } from '@/i18n';
import { go, routes } from '@/services/navigation';
import './index.scss';
import { tradeLabel } from '@/common/trades';

/** Home: 为你推荐 for a registered worker, then the job list with its filters. */
export default function JobsPage() {
  const [filters, setFilters] = useState<Filters>({});
  const jobs = useJobs(filters);
  const session = useSession();
  const open = (id: string) => go(routes.jobDetail(id));
  const searching = Boolean(filters.q || filters.trade || hasExtraFilters(filters));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('jobs.title') });
  }, []);
  usePullDownRefresh(() => {
    void jobs.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void jobs.loadMore();
  });

  return (
    <Screen>
      <LanguageSwitch compact />
      <JobFilters value={filters} onChange={setFilters} />
      {!searching && session?.workerId ? <RecommendedJobs onOpen={open} /> : null}
      {!searching && !session?.workerId ? (
        <View className="jobs-page__invite">
          <Text className="jobs-page__invite-text">{t('jobs.recommendSignIn')}</Text>
          <ActionButton kind="secondary" onTap={() => go(session ? routes.register : routes.login)}>
            {session ? t('common.goRegister') : t('common.goSignIn')}
          </ActionButton>
        </View>
      ) : null}
      {!searching ? <Text className="jobs-page__heading">{t('jobs.allJobs')}</Text> : null}
      <JobList {...jobs} onRetry={() => void jobs.reload()} onLoadMore={() => void jobs.loadMore()} onOpen={open} />
      {session?.role === 'worker' && filters.trade && jobs.status === 'ready' && jobs.items.length === 0 ? (
        <JobAlertCard offer={{ trades: [filters.trade], regionCodes: filters.regionCode ? [filters.regionCode] : [] }} hint={t('jobAlert.emptySearch', { trade: tradeLabel(filters.trade) })} />
      ) : null}
    </Screen>
  );
}
