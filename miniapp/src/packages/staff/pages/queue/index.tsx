import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Chip } from '@/components/Chip';
import { StatusView } from '@/components/StatusView';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { getQueue } from '@/features/staff/api/staff-api';
import { QueueItemCard } from '@/features/staff/components/QueueItemCard';
import { StaffGate } from '@/features/staff/components/StaffGate';
import type { Urgency } from '@/features/staff/format';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { staffRoutes } from '@/features/staff/routes';

const FILTERS: ReadonlyArray<Urgency | 'all'> = ['all', 'overdue', 'due_soon'];

function Queue() {
  const [filter, setFilter] = useState<Urgency | 'all'>('all');
  const [view, setView] = useState<'mine' | 'following'>('mine');
  const { state, reload } = useAsync(() => getQueue(filter === 'all' ? undefined : filter, view), `queue-${view}-${filter}`, true);
  return (
    <View>
      <View className="zy-inline">
        <Chip label={t('staff.queue.viewMine')} selected={view === 'mine'} onTap={() => setView('mine')} />
        <Chip label={t('staff.queue.viewFollowing')} selected={view === 'following'} onTap={() => setView('following')} />
      </View>
      <View className="zy-inline">
        {FILTERS.map((f) => (
          <Chip key={f} label={f === 'all' ? t('staff.queue.filterAll') : t(`staff.urgency.${f}`)} selected={filter === f} onTap={() => setFilter(f)} />
        ))}
      </View>
      {state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {state.status === 'error' ? <StatusView kind="error" title={t('staff.queue.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /> : null}
      {state.status === 'ready' ? (
        <View>
          <Text className="zy-queue-summary">{t('staff.queue.counts', state.data.counts)}</Text>
          {state.data.items.length === 0 ? <StatusView kind="empty" title={t('staff.queue.empty')} /> : null}
          <View className="zy-staff-grid">
            {state.data.items.map((item) => (
              <QueueItemCard key={item.id} item={item} onOpen={() => void Taro.navigateTo({ url: staffRoutes.case(item.id) })} />
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** Green-channel queue: overdue first, then nearly due, then by priority. */
export default function StaffQueuePage() {
  return <StaffGate allow={staffCan.intake}>{() => <Queue />}</StaffGate>;
}
