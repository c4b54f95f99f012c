import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Screen } from '@/components/Screen';
import { ActionButton } from '@/components/ActionButton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { getMyPeople } from '@/features/brokers/api/brokers-api';
import { brokerRoutes } from '@/features/brokers/routes';
import '@/features/brokers/components/brokers.scss';

/** The people I enrolled, ID numbers and phones masked. */
export default function BrokerPeoplePage() {
  const people = useAsync(() => getMyPeople(), 'people', true);
  const importButton = (
    <View className="zy-broker-pad">
      <ActionButton onTap={() => void Taro.navigateTo({ url: brokerRoutes.enrol })}>{t('broker.nav.enrol')}</ActionButton>
      <ActionButton kind="secondary" onTap={() => void Taro.navigateTo({ url: brokerRoutes.import })}>{t('broker.nav.import')}</ActionButton>
    </View>
  );
  if (people.state.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (people.state.status === 'error') {
    return <Screen><StatusView kind="error" title={t('broker.home.loadFailed')} hint={errorText(people.state.error)} onRetry={() => people.reload()} /></Screen>;
  }
  const items = people.state.data.items;
  return (
    <Screen>
      {importButton}
      {items.length === 0 ? (
        <StatusView kind="empty" title={t('broker.people.empty')} />
      ) : (
        <View className="zy-broker-card">
          {items.map((p) => (
            <View className="zy-broker-row" key={p.workerId}>
              <View>
                <Text>{p.name}</Text>
                <Text className="zy-broker-muted"> {p.idNumberMasked}</Text>
                <View>
                  <Text className="zy-broker-muted">{p.phoneMasked} · {p.regionName.slice(-12)}</Text>
                </View>
              </View>
              <Tag label={p.claimed ? t('broker.people.claimed') : t('broker.people.notClaimed')} tone={p.claimed ? 'success' : 'neutral'} />
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
