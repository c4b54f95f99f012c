import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { JobDetail, LocaleCode } from '@zhuanyi/shared';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { TradeIcon } from '@/components/TradeIcon';
import { useSession } from '@/features/auth/hooks/use-session';
import { ReportJob } from '@/features/jobs/components/ReportJob';
import { fitWarningText, formatPay, jobAddressText, transportLabelKey } from '@/features/jobs/format';
import { useJobDetail } from '@/features/jobs/hooks/use-job-detail';
import { ReadAloudButton } from '@/features/speech/components/ReadAloudButton';
import { SharePanel } from '@/features/share/components/SharePanel';
import { shareTitle } from '@/features/share/share';
import { getLocale, t, tIn } from '@/i18n';
import { errorText } from '@/services/error-text';
import { ApiError } from '@/services/errors';
import { go, routes } from '@/services/navigation';
import './index.scss';
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

function ageText(job: JobDetail): string {
  if (job.ageMin !== null && job.ageMax !== null) return t('jobs.ageRange', { min: job.ageMin, max: job.ageMax });
  if (job.ageMin !== null) return t('jobs.ageFrom', { min: job.ageMin });
  if (job.ageMax !== null) return t('jobs.ageTo', { max: job.ageMax });
  return t('jobs.ageAny');
}

/** Everything a worker needs to decide, the no-fees notice with 举报, and 我要报名. */
export default function JobDetailPage() {
  const id = useRouter().params.id ?? '';
  const session = useSession();
  const { load, apply, reload, submit, fit } = useJobDetail(id, Boolean(session?.workerId));
  const [reporting, setReporting] = useState(false);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('jobs.detailTitle') });
  }, []);

  if (load.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (load.status === 'error') {
    return (
      <Screen>
        <StatusView kind="error" title={t('jobs.loadFailed')} hint={errorText(load.error)} onRetry={reload} />
      </Screen>
    );
  }
  const job = load.job;
  const transportKey = transportLabelKey(job.transport);
  const needsRegistration = apply.status === 'error' && apply.error instanceof ApiError && (apply.error.status === 403 || apply.error.status === 409) && !session?.workerId;

  const onApply = () => {
    if (!session) go(routes.login);
    else if (!session.workerId) go(routes.register);
    else void submit();
  };

  const spoken = (tr: typeof t, locale: LocaleCode) =>
    [
      job.title,
      job.employer.name,
      `${tr('jobs.hours')}: ${job.workHours}`,
      job.mealsAndLodging ? tr('jobs.foodYes') : tr('jobs.foodNo'),
      `${tr('jobs.address')}: ${jobAddressText(job, locale)}`,
      tr('job.noFeesNotice'),
      job.description ?? '',
    ].join('. ');

  return (
    <Screen>
      <View className="zy-page">
        <ReadAloudButton text={spoken(t, getLocale())} zhText={spoken((key, params) => tIn('zh-CN', key, params), 'zh-CN')} />
        <View className="zy-card">
          <View className="job-detail__trade">
            <TradeIcon trade={job.trade} />
            <Text className="zy-muted">{tradeLabel(job.trade)}</Text>
          </View>
          <Text className="zy-title">{job.title}</Text>
          <Text className="job-detail__pay">{formatPay(job)}</Text>
          <View className="job-detail__tags">
            {job.publicWelfare ? <Tag label={t('job.publicWelfare')} tone="public" /> : null}
            {job.mealsAndLodging ? <Tag label={t('job.mealsAndLodging')} tone="info" /> : null}
            {transportKey ? <Tag label={t(transportKey)} tone="info" /> : null}
          </View>
        </View>

        <View className="zy-card">
          <View className="job-detail__employer">
            <Text className="zy-text job-detail__employer-name">{job.employer.name}</Text>
            <Tag label={job.employer.verified ? t('jobs.verified') : t('jobs.unverified')} tone={job.employer.verified ? 'success' : 'warn'} />
          </View>
          <Row label={t('jobs.hours')} value={job.workHours} />
          <Row label={t('jobs.food')} value={job.mealsAndLodging ? t('jobs.foodYes') : t('jobs.foodNo')} />
          <Row label={t('jobs.transportLabel')} value={t(`job.transport.${job.transport}`)} />
          <Row label={t('jobs.address')} value={jobAddressText(job)} />
          <Row label={t('jobs.age')} value={ageText(job)} />
          <Row label={t('jobs.contact')} value={`${job.contactName} ${job.contactPhoneMasked}`} />
        </View>

        <View className="job-detail__fees" ariaRole="note">
          <Text className="job-detail__fees-title">{t('jobs.noFeesTitle')}</Text>
          <Text className="job-detail__fees-text zy-prose">{t('job.noFeesNotice')}</Text>
          {!reporting ? (
            <View className="job-detail__report">
              <ActionButton kind="secondary" onTap={() => (session ? setReporting(true) : go(routes.login))}>
                {t('jobs.report')}
              </ActionButton>
            </View>
          ) : null}
        </View>
        {reporting ? <ReportJob jobId={job.id} onClose={() => setReporting(false)} /> : null}

        {job.description ? (
          <View className="zy-card">
            <Text className="zy-muted">{t('jobs.description')}</Text>
            <Text className="zy-text">{job.description}</Text>
            {job.requirements.length > 0 ? <Text className="zy-muted">{t('jobs.requirements')}</Text> : null}
            {job.requirements.map((r) => (
              <Text key={r} className="zy-text">{`· ${r}`}</Text>
            ))}
            {job.benefits.length > 0 ? <Text className="zy-muted">{t('jobs.benefits')}</Text> : null}
            {job.benefits.map((b) => (
              <Text key={b} className="zy-text">{`· ${b}`}</Text>
            ))}
          </View>
        ) : null}

        <SharePanel
          target={{ title: shareTitle([job.title, formatPay(job), job.regionName]), path: `/pages/job-detail/index?id=${job.id}` }}
          lines={[formatPay(job), jobAddressText(job), job.employer.name]}
        />

        {fit.length > 0 ? (
          <Notice tone="warn">
            <Text>{t('job.warning.title')}</Text>
            {fit.map((w) => (
              <Text key={w.code}>{` ${fitWarningText(w)}`}</Text>
            ))}
          </Notice>
        ) : null}
        {apply.status === 'done' ? (
          <Notice tone="success">
            <Text>{apply.created ? t('jobs.applied') : t('jobs.appliedAlready')}</Text>
            {apply.application.contactPhone ? <Text>{` ${t('jobs.contactPhone', { phone: apply.application.contactPhone })}`}</Text> : null}
          </Notice>
        ) : null}
        {apply.status === 'error' ? <Notice tone="error">{needsRegistration ? t('common.registerFirst') : errorText(apply.error)}</Notice> : null}
        <View className="zy-actions">
          {apply.status === 'done' ? (
            <ActionButton kind="secondary" onTap={() => go(routes.applications)}>
              {t('jobs.myApplications')}
            </ActionButton>
          ) : (
            <ActionButton onTap={onApply} disabled={apply.status === 'sending'}>
              {apply.status === 'sending' ? t('jobs.applying') : t('jobs.apply')}
            </ActionButton>
          )}
        </View>
      </View>
    </Screen>
  );
}
