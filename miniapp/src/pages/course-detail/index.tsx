import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Enrollment } from '@zhuanyi/shared';
import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { TradeIcon } from '@/components/TradeIcon';
import { useSession } from '@/features/auth/hooks/use-session';
import { cancelEnrollment, enroll, getCourse } from '@/features/training/api/training-api';
import { audienceText, canCancel, enrollmentTone, formatChinaDay, seatsText } from '@/features/training/format';
import { formatYuan } from '@/features/jobs/format';
import { SharePanel } from '@/features/share/components/SharePanel';
import { shareTitle } from '@/features/share/share';
import { useAsync } from '@/hooks/use-async';
import { ReadAloudButton } from '@/features/speech/components/ReadAloudButton';
import { t, tIn } from '@/i18n';
import { errorText } from '@/services/error-text';
import { createIdempotencyKey } from '@/services/http';
import { go, routes } from '@/services/navigation';
import { tradeLabel } from '@/common/trades';

function Row({ label, value }: { label: string; value: string }) {
  if (value.trim() === '') return null;
  return (
    <View className="zy-row">
      <Text className="zy-row__label">{label}</Text>
      <Text className="zy-row__value">{value}</Text>
    </View>
  );
}

/** One course: hours, place, schedule, seats, who it is free for, allowance; sign up and cancel. */
export default function CourseDetailPage() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useAsync(() => getCourse(id), id);
  const session = useSession();
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const key = useRef(createIdempotencyKey());

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('training.detailTitle') });
  }, []);

  const signUp = () => {
    if (!session) return go(routes.login);
    if (!session.workerId) return go(routes.register);
    setBusy(true);
    setMessage(null);
    enroll(id, key.current)
      .then(
        (result) => {
          setEnrollment(result.enrollment);
          setMessage({ tone: 'success', text: t('training.signedUp') });
          reload();
        },
        (e: unknown) => setMessage({ tone: 'error', text: errorText(e) }),
      )
      .finally(() => setBusy(false));
  };

  const cancel = (current: Enrollment) => {
    setBusy(true);
    cancelEnrollment(current.id)
      .then(
        (next) => {
          setEnrollment(next);
          key.current = createIdempotencyKey();
          setMessage({ tone: 'success', text: t('training.cancelled') });
        },
        (e: unknown) => setMessage({ tone: 'error', text: errorText(e) }),
      )
      .finally(() => setBusy(false));
  };

  if (state.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (state.status === 'error') {
    return <Screen><StatusView kind="error" title={t('training.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /></Screen>;
  }
  const course = state.data;
  const active = enrollment !== null && enrollment.status !== 'cancelled';

  const spoken = (tr: typeof t) =>
    [
      course.title,
      `${tr('training.provider')}: ${course.provider}`,
      `${tr('training.mode')}: ${tr(`course.mode.${course.mode}`)}`,
      course.place ? `${tr('training.place')}: ${course.place}` : '',
      `${tr('training.schedule')}: ${course.schedule}`,
      tr('training.deadline', { date: formatChinaDay(course.signUpDeadline) }),
      course.description ?? '',
    ].join('. ');

  return (
    <Screen>
      <View className="zy-page">
        <ReadAloudButton text={spoken(t)} zhText={spoken((key, params) => tIn('zh-CN', key, params))} />
        <View className="zy-card">
          <View className="zy-inline">
            <TradeIcon trade={course.trade} />
            <Text className="zy-muted">{tradeLabel(course.trade)}</Text>
          </View>
          <Text className="zy-title">{course.title}</Text>
          <View className="zy-inline">
            {course.subsidized ? <Tag label={t('training.subsidized')} tone="success" /> : null}
            <Tag label={t('training.hours', { hours: course.classHours })} />
            <Tag label={seatsText(course)} tone={course.signUpOpen ? 'info' : 'warn'} />
          </View>
          <Row label={t('training.provider')} value={course.provider} />
          <Row label={t('training.mode')} value={t(`course.mode.${course.mode}`)} />
          {course.place ? <Row label={t('training.place')} value={course.place} /> : null}
          <Row label={t('training.period')} value={`${formatChinaDay(course.startsAt)} – ${formatChinaDay(course.endsAt)}`} />
          <Row label={t('training.schedule')} value={course.schedule} />
          <Row label={t('training.freeFor')} value={audienceText(course.freeFor)} />
          <Row label={t('training.contact')} value={`${course.contactName} ${course.contactPhone}`.trim()} />
        </View>
        {course.allowance ? (
          <Notice tone="info">
            <Text>{t('training.allowanceText', { living: formatYuan(course.allowance.livingFenPerDay), transport: formatYuan(course.allowance.transportFen) })}</Text>
            <Text>{` ${t('training.allowanceFor', { who: audienceText(course.allowance.forAudiences) })}`}</Text>
          </Notice>
        ) : null}
        {course.description ? (
          <View className="zy-card">
            <Text className="zy-text">{course.description}</Text>
          </View>
        ) : null}
        <Text className="zy-muted">{t('training.deadline', { date: formatChinaDay(course.signUpDeadline) })}</Text>
        <SharePanel
          target={{ title: shareTitle([course.title, course.subsidized ? t('training.subsidized') : null, course.regionName]), path: `/pages/course-detail/index?id=${course.id}` }}
          lines={[course.provider, `${formatChinaDay(course.startsAt)} – ${formatChinaDay(course.endsAt)}`, t('training.deadline', { date: formatChinaDay(course.signUpDeadline) })]}
        />
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        {enrollment ? (
          <View>
            <Tag label={t(`enrollment.status.${enrollment.status}`)} tone={enrollmentTone[enrollment.status]} />
          </View>
        ) : null}
        <View className="zy-actions">
          {active ? (
            <>
              <ActionButton onTap={() => go(routes.enrollments)}>{t('training.myCourses')}</ActionButton>
              {canCancel(enrollment.status) ? (
                <ActionButton kind="secondary" onTap={() => cancel(enrollment)} disabled={busy}>
                  {t('training.cancel')}
                </ActionButton>
              ) : null}
            </>
          ) : (
            <ActionButton onTap={signUp} disabled={busy || !course.signUpOpen}>
              {busy ? t('training.signingUp') : course.signUpOpen ? t('training.signUp') : seatsText(course)}
            </ActionButton>
          )}
        </View>
      </View>
    </Screen>
  );
}
