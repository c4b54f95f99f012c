import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { JobSummary } from '@zhuanyi/shared';
import { Tag } from '@/components/Tag';
import { TradeIcon } from '@/components/TradeIcon';
import { regionFullName, t } from '@/i18n';
import { formatPay, formatShanghaiDate, transportLabelKey } from '../format';
import './JobCard.scss';
import { tradeLabel } from '@/common/trades';

/** One job in the list: what, who, where, how much, and the conditions older workers ask about first. */
export function JobCard({ job, onOpen, children }: { job: JobSummary; onOpen?: (id: string) => void; children?: ReactNode }) {
  const transportKey = transportLabelKey(job.transport);
  return (
    <View className="job-card" onClick={onOpen ? () => onOpen(job.id) : undefined} ariaRole={onOpen ? 'link' : undefined}>
      <View className="job-card__trade">
        <TradeIcon trade={job.trade} />
        <Text className="job-card__trade-name">{tradeLabel(job.trade)}</Text>
      </View>
      <Text className="job-card__title">{job.title}</Text>
      <Text className="job-card__pay">{formatPay(job)}</Text>
      <View className="job-card__employer">
        <Text className="job-card__employer-name">{job.employerName}</Text>
        <Tag label={job.employerVerified ? t('jobs.verified') : t('jobs.unverified')} tone={job.employerVerified ? 'success' : 'warn'} />
      </View>
      <Text className="job-card__meta">
        {regionFullName(job.regionCode, job.regionName)}
        {job.openings > 0 ? ` · ${t('jobs.openings', { count: job.openings })}` : ''}
        {job.deadline ? ` · ${t('jobs.deadline', { date: formatShanghaiDate(job.deadline) })}` : ''}
      </Text>
      <View className="job-card__tags">
        {job.publicWelfare ? <Tag label={t('job.publicWelfare')} tone="public" /> : null}
        {job.mealsAndLodging ? <Tag label={t('job.mealsAndLodging')} tone="info" /> : null}
        {transportKey ? <Tag label={t(transportKey)} tone="info" /> : null}
      </View>
      {children}
    </View>
  );
}
