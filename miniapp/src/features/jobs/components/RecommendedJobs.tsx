import { Text, View } from '@tarojs/components';
import type { RecommendedJob } from '@zhuanyi/shared';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Tag } from '@/components/Tag';
import { labelled, t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { getRecommendedJobs } from '../api/job-actions';
import { JobCard } from './JobCard';
import './RecommendedJobs.scss';

type State = { status: 'loading' } | { status: 'ready'; items: RecommendedJob[] } | { status: 'error'; error: unknown };

/** 为你推荐: jobs ranked for the signed-in, registered worker, with the reasons. */
export function RecommendedJobs({ onOpen }: { onOpen: (id: string) => void }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const load = () => {
    setState({ status: 'loading' });
    getRecommendedJobs(5).then(
      (items) => setState({ status: 'ready', items }),
      (error: unknown) => setState({ status: 'error', error }),
    );
  };
  useEffect(load, []);

  return (
    <View className="recommended">
      <Text className="recommended__title">{t('jobs.recommendTitle')}</Text>
      <Text className="recommended__hint">{t('jobs.recommendHint')}</Text>
      {state.status === 'loading' ? <Text className="recommended__hint">{t('common.loading')}</Text> : null}
      {state.status === 'error' ? (
        <View className="recommended__error">
          <Text className="recommended__hint">{labelled(t('jobs.recommendFailed'), errorText(state.error))}</Text>
          <ActionButton kind="secondary" onTap={load}>
            {t('common.retry')}
          </ActionButton>
        </View>
      ) : null}
      {state.status === 'ready'
        ? state.items.map((job) => (
            <JobCard key={job.id} job={job} onOpen={onOpen}>
              <View className="recommended__reasons">
                {job.reasons.map((reason) => (
                  <Tag key={reason} tone="success" label={t(`job.recommendReason.${reason}`)} />
                ))}
              </View>
            </JobCard>
          ))
        : null}
    </View>
  );
}
