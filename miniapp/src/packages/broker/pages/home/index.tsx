import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Screen } from '@/components/Screen';
import { ActionButton } from '@/components/ActionButton';
import { StatusView } from '@/components/StatusView';
import { Field, Notice, TextField } from '@/components/Form';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { clearSession, getSubject, sessionVersion, subscribeSession } from '@/services/auth-token';
import { errorText } from '@/services/error-text';
import { getBrokerHome, signInBroker } from '@/features/brokers/api/brokers-api';
import { PlacementChart } from '@/features/brokers/components/PlacementChart';
import { yuan } from '@/features/brokers/format';
import { brokerRoutes } from '@/features/brokers/routes';
import '@/features/brokers/components/brokers.scss';

function SignIn() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    setBusy(true);
    setError(null);
    signInBroker(username.trim(), password).then(
      (pair) => {
        setBusy(false);
        if (pair.subject.role !== 'broker') {
          clearSession();
          setError(t('broker.home.notBroker'));
        }
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };
  return (
    <View className="zy-broker-card">
      <Text className="zy-broker-card__title">{t('broker.home.signInTitle')}</Text>
      <TextField label={t('broker.home.username')} value={username} onChange={setUsername} maxlength={32} />
      <Field label={t('broker.home.password')}>
        <Input className="zy-input" password value={password} maxlength={64} ariaLabel={t('broker.home.password')} onInput={(e) => setPassword(e.detail.value)} />
      </Field>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <ActionButton onTap={submit} disabled={busy || !username || !password}>
        {busy ? t('broker.home.signingIn') : t('broker.home.signIn')}
      </ActionButton>
    </View>
  );
}

/** Broker (劳务经纪人) home in the broker subpackage: sign-in, then my numbers, subsidies and placements by month. */
export default function BrokerHomePage() {
  const version = useSyncExternalStore(subscribeSession, sessionVersion, sessionVersion);
  const signedIn = getSubject()?.role === 'broker';
  const home = useAsync(() => (signedIn ? getBrokerHome() : Promise.resolve(null)), `home-${version}-${signedIn}`, true);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('broker.home.title') });
  }, []);
  const go = (url: string) => void Taro.navigateTo({ url });

  if (!signedIn) {
    return (
      <Screen>
        <SignIn />
      </Screen>
    );
  }
  if (home.state.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (home.state.status === 'error' || !home.state.data) {
    return (
      <Screen>
        <StatusView kind="error" title={t('broker.home.loadFailed')} hint={errorText(home.state.status === 'error' ? home.state.error : null)} onRetry={() => home.reload()} />
      </Screen>
    );
  }
  const h = home.state.data;
  return (
    <Screen>
      <View className="zy-broker-card">
        <Text className="zy-broker-card__title">{h.profile.name}</Text>
        <Text className="zy-broker-muted">{h.profile.serviceAreaName}</Text>
        <View>
          <Text>{t('broker.home.status', { status: t(`brokerStatus.${h.profile.status}`) })}</Text>
        </View>
        {!h.profile.certified ? <Notice tone="warn">{t('broker.home.notCertified')}</Notice> : null}
        <View className="zy-broker-stats">
          <View className="zy-broker-stat" onClick={() => go(brokerRoutes.people)}>
            <Text className="zy-broker-muted">{t('broker.home.people')}</Text>
            <Text className="zy-broker-stat__value">{t('broker.home.peopleCount', { count: h.people })}</Text>
          </View>
          <View className="zy-broker-stat" onClick={() => go(brokerRoutes.teams)}>
            <Text className="zy-broker-muted">{t('broker.home.teams')}</Text>
            <Text className="zy-broker-stat__value">{t('broker.home.teamsCount', { count: h.teams })}</Text>
          </View>
        </View>
      </View>
      <View className="zy-broker-nav">
        <View className="zy-broker-nav__item" onClick={() => go(brokerRoutes.enrol)} ariaRole="button">{t('broker.nav.enrol')}</View>
        <View className="zy-broker-nav__item" onClick={() => go(brokerRoutes.import)} ariaRole="button">{t('broker.nav.import')}</View>
        <View className="zy-broker-nav__item" onClick={() => go(brokerRoutes.people)} ariaRole="button">{t('broker.nav.people')}</View>
        <View className="zy-broker-nav__item" onClick={() => go(brokerRoutes.teams)} ariaRole="button">{t('broker.nav.teams')}</View>
        <View className="zy-broker-nav__item" onClick={() => go(brokerRoutes.subsidies)} ariaRole="button">{t('broker.nav.subsidies')}</View>
      </View>
      <View className="zy-broker-card" onClick={() => go(brokerRoutes.subsidies)}>
        <Text className="zy-broker-card__title">{t('broker.home.subsidies')}</Text>
        {(
          [
            ['due', h.subsidies.dueFen],
            ['waiting', h.subsidies.waitingFen],
            ['claimed', h.subsidies.claimedFen],
            ['approved', h.subsidies.approvedFen],
            ['paid', h.subsidies.paidFen],
          ] as const
        ).map(([k, fen]) => (
          <View className="zy-broker-row" key={k}>
            <Text>{t(`broker.home.${k}`)}</Text>
            <Text>{t('broker.home.yuan', { amount: yuan(fen) })}</Text>
          </View>
        ))}
      </View>
      <PlacementChart months={h.placementsByMonth} />
      <View className="zy-broker-pad">
        <ActionButton kind="secondary" onTap={() => clearSession()}>
          {t('broker.home.signOut')}
        </ActionButton>
      </View>
    </Screen>
  );
}
