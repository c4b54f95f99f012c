import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { cancelEnrollment, getMyEnrollments } from '@/features/training/api/training-api';
import { CourseCard } from '@/features/training/components/CourseCard';
import { canCancel, enrollmentTone, formatChinaDay } from '@/features/training/format';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { go, routes } from '@/services/navigation';

/** 我的培训: each sign-up with its status (已报名 → 已确认 → 培训中 → 已结业 / 未通过). */
export default function EnrollmentsPage() {
  const { state, reload } = useAsync(async () => (await getMyEnrollments()).items, 'enrollments', true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('training.myCourses') });
  }, []);

  if (state.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (state.status === 'error') {
    return <Screen><StatusView kind="error" title={t('training.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /></Screen>;
  }
  return (
    <Screen>
      <View className="zy-page">
        {error ? <Notice tone="error">{error}</Notice> : null}
        {state.data.length === 0 ? <StatusView kind="empty" title={t('training.myCoursesEmpty')} /> : null}
        {state.data.map((enrollment) => (
          <View key={enrollment.id} className="zy-card">
            <View className="zy-inline">
              <Tag label={t(`enrollment.status.${enrollment.status}`)} tone={enrollmentTone[enrollment.status]} />
              <Text className="zy-muted">{formatChinaDay(enrollment.createdAt)}</Text>
            </View>
            {enrollment.course ? <CourseCard course={enrollment.course} onOpen={(id) => go(routes.courseDetail(id))} /> : null}
            {canCancel(enrollment.status) ? (
              <ActionButton
                kind="secondary"
                onTap={() => {
                  setError(null);
                  cancelEnrollment(enrollment.id).then(
                    () => reload(true),
                    (e: unknown) => setError(errorText(e)),
                  );
                }}
              >
                {t('training.cancel')}
              </ActionButton>
            ) : null}
          </View>
        ))}
      </View>
    </Screen>
  );
}
