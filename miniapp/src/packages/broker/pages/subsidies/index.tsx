import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Screen } from '@/components/Screen';
import { ActionButton } from '@/components/ActionButton';
import { StatusView } from '@/components/StatusView';
import { Notice } from '@/components/Form';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { claimSubsidy, getSubsidies } from '@/features/brokers/api/brokers-api';
import { yuan } from '@/features/brokers/format';
import '@/features/brokers/components/brokers.scss';

/** My subsidies: waiting, due (claim here), claimed, approved, paid. */
export default function BrokerSubsidiesPage() {
  const list = useAsync(() => getSubsidies(), 'subsidies', true);
  const [claiming, setClaiming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (list.state.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (list.state.status === 'error') return <Screen><StatusView kind="error" title={t('broker.home.loadFailed')} hint={errorText(list.state.error)} onRetry={() => list.reload()} /></Screen>;
  const claim = (id: string) => {
    setClaiming(id);
    setError(null);
    claimSubsidy(id).then(
      () => {
        setClaiming(null);
        list.reload(true);
      },
      (e: unknown) => {
        setClaiming(null);
        setError(errorText(e));
      },
    );
  };
  const { items, totals } = list.state.data;
  return (
    <Screen>
      <View className="zy-broker-card">
        <View className="zy-broker-stats">
          {(['due', 'waiting', 'claimed', 'approved', 'paid'] as const).map((k) => (
            <View className="zy-broker-stat" key={k}>
              <Text className="zy-broker-muted">{t(`subsidyState.${k}`)}</Text>
              <Text className="zy-broker-stat__value">{t('broker.home.yuan', { amount: yuan(totals[k]) })}</Text>
            </View>
          ))}
        </View>
      </View>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {items.length === 0 ? <StatusView kind="empty" title={t('broker.subsidies.empty')} /> : null}
      {items.map((e) => (
        <View className="zy-broker-card" key={e.id}>
          <View className="zy-broker-row">
            <Text>{e.ruleName}</Text>
            <Tag label={t(`subsidyState.${e.state}`)} tone={e.state === 'due' ? 'success' : e.state === 'rejected' || e.state === 'void' ? 'warn' : 'neutral'} />
          </View>
          <Text className="zy-broker-muted">
            {t('broker.subsidies.person', { name: e.workerName })} · {t('broker.subsidies.installment', { n: e.installment, total: e.installments })}
          </Text>
          <View className="zy-broker-row">
            <Text className="zy-broker-stat__value">{t('broker.home.yuan', { amount: yuan(e.amountFen) })}</Text>
            {e.state === 'waiting' ? <Text className="zy-broker-muted">{t('broker.subsidies.dueOn', { date: e.dueOn })}</Text> : null}
          </View>
          {e.beneficiary === 'worker' ? <Text className="zy-broker-muted">{t('broker.subsidies.forWorker')}</Text> : null}
          {e.reason && (e.state === 'rejected' || e.state === 'void') ? <Notice tone="warn">{e.reason}</Notice> : null}
          {e.state === 'due' ? (
            <ActionButton onTap={() => claim(e.id)} disabled={claiming !== null}>
              {claiming === e.id ? t('broker.subsidies.claiming') : t('broker.subsidies.claim')}
            </ActionButton>
          ) : null}
        </View>
      ))}
    </Screen>
  );
}
