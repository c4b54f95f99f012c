import { Text, View } from '@tarojs/components';
import type { JobSummary } from '@zhuanyi/shared';
import { ActionButton } from '@/components/ActionButton';
import { StatusView } from '@/components/StatusView';
import { t } from '@/i18n';
import { errorMessageKey } from '@/services/errors';
import type { JobListState } from '../hooks/use-jobs';
import { JobCard } from './JobCard';
import { JobListSkeleton } from './JobListSkeleton';
import './JobList.scss';

interface JobListProps extends JobListState {
  hasMore: boolean;
  onRetry: () => void;
  onLoadMore: () => void;
  onOpen?: (id: string) => void;
}

/** The list with its loading, empty, error and load-more states. */
export function JobList({ items, status, error, hasMore, loadingMore, loadMoreError, offline, onRetry, onLoadMore, onOpen }: JobListProps) {
  if (status === 'loading') return <JobListSkeleton />;
  if (status === 'error') {
    return <StatusView kind="error" title={t('jobs.loadFailed')} hint={t(errorMessageKey(error))} onRetry={onRetry} />;
  }
  if (items.length === 0) return <StatusView kind="empty" title={t('jobs.empty')} hint={t('jobs.emptyHint')} />;

  return (
    <View className="job-list">
      {offline ? (
        <View className="job-list__offline" ariaRole="status">
          <Text>{t('jobs.offlineLast')}</Text>
        </View>
      ) : null}
      {items.map((job: JobSummary) => (
        <JobCard key={job.id} job={job} onOpen={onOpen} />
      ))}
      <View className="job-list__footer">
        {loadMoreError ? <Text className="job-list__error">{t(errorMessageKey(loadMoreError))}</Text> : null}
        {offline ? (
          <ActionButton kind="secondary" onTap={onRetry}>
            {t('common.retry')}
          </ActionButton>
        ) : hasMore ? (
          <ActionButton kind="secondary" onTap={onLoadMore} disabled={loadingMore}>
            {loadingMore ? t('common.loadingMore') : loadMoreError ? t('common.retry') : t('common.loadMore')}
          </ActionButton>
        ) : (
          <Text className="job-list__end">{t('common.noMore')}</Text>
        )}
        <Text className="job-list__count">{t('jobs.resultCount', { count: items.length })}</Text>
      </View>
    </View>
  );
}
