import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Screen } from '@/components/Screen';
import { StatusView } from '@/components/StatusView';
import { Chip } from '@/components/Chip';
import { TRADES } from '@/common/trades';
import { useSession } from '@/features/auth/hooks/use-session';
import { getCourses } from '@/features/training/api/training-api';
import { CourseCard } from '@/features/training/components/CourseCard';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { go, routes } from '@/services/navigation';
import './index.scss';

/** 免费培训: the course catalog, filtered by trade. */
export default function TrainingPage() {
  const [trade, setTrade] = useState<string | undefined>(undefined);
  const { state, reload } = useAsync(async () => (await getCourses({ trade })).items, trade ?? '');
  const session = useSession();

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('training.title') });
  }, []);
  usePullDownRefresh(() => {
    reload();
    void Taro.stopPullDownRefresh();
  });

  return (
    <Screen>
      <View className="training-page__head">
        <Text className="training-page__intro zy-prose">{t('training.intro')}</Text>
        <ScrollView className="training-page__scroll" scrollX enhanced showScrollbar={false}>
        <View className="training-page__chips">
          <Chip label={t('common.all')} selected={!trade} onTap={() => setTrade(undefined)} />
          {TRADES.map((option) => (
            <Chip key={option.value} label={t(option.labelKey)} selected={trade === option.value} onTap={() => setTrade(trade === option.value ? undefined : option.value)} />
          ))}
        </View>
        </ScrollView>
        {session ? (
          <ActionButton kind="secondary" onTap={() => go(routes.enrollments)}>
            {t('training.myCourses')}
          </ActionButton>
        ) : null}
      </View>
      {state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {state.status === 'error' ? <StatusView kind="error" title={t('training.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /> : null}
      {state.status === 'ready' && state.data.length === 0 ? <StatusView kind="empty" title={t('training.empty')} /> : null}
      {state.status === 'ready' ? state.data.map((course) => <CourseCard key={course.id} course={course} onOpen={(id) => go(routes.courseDetail(id))} />) : null}
    </Screen>
  );
}
