import { Text, View } from '@tarojs/components';
import type { IntakeQueueItem } from '@zhuanyi/shared';
import { Tag } from '@/components/Tag';
import { chinaDate, chinaDateTime, clockStateText } from '@/features/complaints/format';
import { t } from '@/i18n';
import { formatYuan } from '../format';
import './staff.scss';

/** One case in the green-channel queue: urgency stripe and badge, priority markers, the clock that matters now. */
export function QueueItemCard({ item, onOpen }: { item: IntakeQueueItem; onOpen: () => void }) {
  return (
    <View className={`zy-staff-card zy-queue-item zy-queue-item--${item.urgency}`} onClick={onOpen} ariaRole="button">
      <View className="zy-queue-item__head">
        <Text className="zy-queue-item__number">{item.caseNumber}</Text>
        <Text className={`zy-urgency zy-urgency--${item.urgency}`}>{t(`staff.urgency.${item.urgency}`)}</Text>
      </View>
      <View className="zy-inline">
        <Tag label={t(`complaint.status.${item.status}`)} tone="info" />
        {item.needsJurisdiction ? <Tag label={t('staff.queue.needsJurisdiction')} tone="warn" /> : null}
        {item.handoffOverdue ? <Tag label={t('staff.queue.handoffOverdue')} tone="warn" /> : null}
        {item.priority.reasons.map((r) => (
          <Text key={r} className="zy-priority">{`★ ${t(`staff.priority.${r}`)}`}</Text>
        ))}
        {item.missingCount > 0 ? <Tag label={t('staff.queue.missing', { count: item.missingCount })} tone="warn" /> : null}
      </View>
      <Text className="zy-text">{t('staff.queue.respondent', { name: item.respondentName })}</Text>
      {item.access === 'read' && item.regionName ? <Text className="zy-muted">{t('staff.queue.region', { region: item.regionName })}</Text> : null}
      {item.workerName ? <Text className="zy-text">{t('staff.queue.worker', { name: item.workerName })}</Text> : null}
      <Text className="zy-text">
        {item.amountOwedFen !== null ? t('staff.queue.amount', { amount: formatYuan(item.amountOwedFen) }) : ''}
        {item.coWorkersOwed > 0 ? ` · ${t('staff.queue.coWorkers', { count: item.coWorkersOwed })}` : ''}
      </Text>
      {item.clock ? (
        <View className={`zy-queue-clock zy-queue-clock--${item.urgency}`}>
          <Text className="zy-queue-clock__kind">{item.clock.kind === 'acceptance' ? t('staff.queue.clockAcceptance') : t('staff.queue.clockAward')}</Text>
          <Text className="zy-queue-clock__state">{clockStateText(item.clock)}</Text>
          <Text className="zy-muted">{t('complaint.dueOn', { date: chinaDate(item.clock.dueAt) })}</Text>
        </View>
      ) : null}
      {item.status === 'submitted' ? <Text className="zy-muted">{t('staff.queue.greenDue', { date: chinaDateTime(item.greenChannelDueAt) })}</Text> : null}
      <Text className="zy-muted">{`${t(`complaint.channel.${item.channel}`)} · ${t('staff.queue.received', { date: chinaDateTime(item.receivedAt) })}`}</Text>
    </View>
  );
}
