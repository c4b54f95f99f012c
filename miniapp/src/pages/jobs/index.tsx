import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Screen } from '@/components/Screen';
import type { JobFilters as Filters } from '@/features/jobs/api/get-jobs';
import { JobFilters } from '@/features/jobs/components/JobFilters';
import { JobList } from '@/features/jobs/components/JobList';
import { useJobs } from '@/features/jobs/hooks/use-jobs';
import { t } from '@/i18n';

/** Home: the job list, newest first, filtered by keyword and trade. */
export default function JobsPage() {
  const [filters, setFilters] = useState<Filters>({});
  const jobs = useJobs(filters);

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
      <JobFilters value={filters} onChange={setFilters} />
      <JobList {...jobs} onRetry={() => void jobs.reload()} onLoadMore={() => void jobs.loadMore()} />
    </Screen>
  );
}
