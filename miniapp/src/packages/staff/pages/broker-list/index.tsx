import { Text, View } from '@tarojs/components';
import { chinaDateOf, type BrokerDecision, type BrokerProfile, type BrokerStatus } from '@zhuanyi/shared';
import { useState } from 'react';
import { SingleChoice } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { decideBroker, listBrokers } from '@/features/brokers/api/staff-brokers-api';
import { ReasonedDecision, type DecisionOption } from '@/features/brokers/components/ReasonedDecision';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';

type Action = BrokerDecision['action'];

/** What staff may do from each status (the BFF checks the same transitions). */
const ACTIONS: Record<BrokerStatus, Action[]> = {
  applied: ['certify', 'reject', 'revoke'],
  certified: ['suspend', 'revoke'],
  suspended: ['certify', 'revoke'],
  rejected: ['certify'],
  revoked: [],
};

function BrokerCard({ broker, onChanged }: { broker: BrokerProfile; onChanged: (b: BrokerProfile) => void }) {
  const last = broker.history[broker.history.length - 1];
  const options: Array<DecisionOption<Action>> = ACTIONS[broker.status].map((action, i) => ({
    action,
    label: t(`broker.staff.brokers.${action}`),
    kind: i === 0 ? 'primary' : 'secondary',
  }));
  return (
    <View className="zy-staff-card" data-testid="broker-card">
      <View className="zy-staff-gap">
        <Text className="zy-staff-card__title">{broker.name} </Text>
        <Tag label={t(`brokerStatus.${broker.status}`)} tone={broker.status === 'certified' ? 'success' : broker.status === 'applied' ? 'neutral' : 'warn'} />
      </View>
      <Text className="zy-text zy-mono">{broker.idNumberMasked} · {broker.phoneMasked}</Text>
      <View><Text className="zy-muted">{t('broker.staff.brokers.village', { village: broker.villageName })}</Text></View>
      <View><Text className="zy-muted">{t('broker.staff.brokers.area', { area: broker.serviceAreaName })}</Text></View>
      <View className="zy-staff-gap"><Text className="zy-text">{t('broker.staff.brokers.experience', { text: broker.experience })}</Text></View>
      {last && last.status !== 'applied' ? (
        <View className="zy-staff-gap">
          <Text className="zy-muted">{chinaDateOf(new Date(last.at))} {t(`brokerStatus.${last.status}`)} · {t('broker.apply.reason', { reason: last.reason })}</Text>
        </View>
      ) : null}
      {options.length > 0 ? (
        <ReasonedDecision
          label={t('broker.staff.brokers.reason')}
          placeholder={t('broker.staff.brokers.reasonPlaceholder')}
          options={options}
          decide={(action, reason) => decideBroker(broker.id, { action, reason }).then(onChanged)}
        />
      ) : null}
    </View>
  );
}

function BrokerList() {
  const [filter, setFilter] = useState<'applied' | 'all'>('applied');
  const list = useAsync(() => listBrokers(filter === 'all' ? undefined : filter), filter, true);
  const replace = (b: BrokerProfile) => {
    if (list.state.status !== 'ready') return;
    const items = list.state.data.items.map((x) => (x.id === b.id ? b : x));
    list.setState({ status: 'ready', data: { ...list.state.data, items } });
  };
  return (
    <View>
      <SingleChoice
        label={t('broker.staff.brokers.title')}
        inline
        value={filter}
        options={[
          { value: 'applied', label: t('broker.staff.brokers.filterApplied') },
          { value: 'all', label: t('broker.staff.brokers.filterAll') },
        ]}
        onChange={setFilter}
      />
      {list.state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {list.state.status === 'error' ? <StatusView kind="error" title={t('broker.home.loadFailed')} hint={errorText(list.state.error)} onRetry={() => list.reload()} /> : null}
      {list.state.status === 'ready' && list.state.data.items.length === 0 ? <StatusView kind="empty" title={t('broker.staff.brokers.empty')} /> : null}
      {list.state.status === 'ready' ? list.state.data.items.map((b) => <BrokerCard key={b.id} broker={b} onChanged={replace} />) : null}
    </View>
  );
}

/** Staff: broker applications and brokers of my region; certify, refuse, suspend or revoke, each with a reason (audited by the BFF). */
export default function StaffBrokerListPage() {
  return <StaffGate allow={staffCan.registry}>{() => <BrokerList />}</StaffGate>;
}
