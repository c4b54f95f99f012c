import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useSyncExternalStore } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Screen } from '@/components/Screen';
import { signOut } from '@/features/auth/api/auth-api';
import { useSession } from '@/features/auth/hooks/use-session';
import { brokerRoutes } from '@/features/brokers/routes';
import { LanguageSwitch } from '@/features/language/components/LanguageSwitch';
import { MyConsentsCard } from '@/features/consents/components/MyConsentsCard';
import { PrivacyConsent } from '@/features/consents/components/PrivacyConsent';
import { MyGrantsCard } from '@/features/grants/components/MyGrantsCard';
import { ClaimRecordCard } from '@/features/workers/components/ClaimRecordCard';
import { JobAlertCard } from '@/features/job-alerts/components/JobAlertCard';
import { t } from '@/i18n';
import { go, routes } from '@/services/navigation';
import { getSystemTextLevel, isLargeTextOn, setLargeText, subscribeTextLevel } from '@/services/text-size';
import './index.scss';

function MenuItem({ label, onTap }: { label: string; onTap: () => void }) {
  return (
    <View className="me__item" ariaRole="link" onClick={onTap}>
      <Text>{label}</Text>
      <Text className="me__chevron">›</Text>
    </View>
  );
}

/** 我的: who is signed in, a record someone entered for them to claim, registration, my grants, my lists, the large-text switch. */
export default function MePage() {
  const session = useSession();
  const large = useSyncExternalStore(subscribeTextLevel, isLargeTextOn, isLargeTextOn);
  const systemLarge = getSystemTextLevel() !== 'normal';

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('me.title') });
  }, []);

  return (
    <Screen>
      <View className="zy-page">
        <View className="zy-card me__who">
          {session ? (
            <>
              <Text className="zy-title">{session.displayName ?? session.phoneMasked ?? ''}</Text>
              <Text className={session.workerId ? 'me__badge me__badge--ok' : 'me__badge'}>
                {session.workerId ? t('me.registered') : t('me.notRegistered')}
              </Text>
            </>
          ) : (
            <>
              <Text className="zy-title">{t('me.notSignedIn')}</Text>
              <ActionButton onTap={() => go(routes.login)}>{t('common.goSignIn')}</ActionButton>
            </>
          )}
        </View>

        {session?.role === 'worker' ? (
          <ClaimRecordCard
            enabled={!session.workerId}
            onEdit={() => go(routes.register)}
            renderConsent={(onAgreed) => <PrivacyConsent onAgreed={onAgreed} />}
          />
        ) : null}

        {session?.role === 'worker' && session.workerId ? <MyGrantsCard reloadKey={session.workerId} /> : null}

        <LanguageSwitch />

        <View className="zy-card me__switch">
          <View className="me__switch-text">
            <Text className="me__switch-label">{t('me.largeText')}</Text>
            <Text className="zy-muted">{systemLarge ? t('me.systemScale') : t('me.largeTextHint')}</Text>
          </View>
          <Switch checked={large} color="#0b6bcb" ariaLabel={t('me.largeText')} onChange={(e) => setLargeText(e.detail.value)} />
        </View>

        {session ? (
          <View className="zy-card me__menu">
            <MenuItem label={session.workerId ? t('register.update') : t('me.register')} onTap={() => go(routes.register)} />
            <MenuItem label={t('me.myApplications')} onTap={() => go(routes.applications)} />
            <MenuItem label={t('me.myCourses')} onTap={() => go(routes.enrollments)} />
            <MenuItem label={t('me.myComplaints')} onTap={() => go(routes.complaints)} />
            <MenuItem label={t('broker.apply.menu')} onTap={() => go(brokerRoutes.apply)} />
          </View>
        ) : null}

        {session?.role === 'worker' ? <JobAlertCard manage /> : null}
        {session?.role === 'worker' ? <MyConsentsCard /> : null}

        <Text className="zy-muted me__help">{t('me.help')}</Text>
        {session ? (
          <ActionButton kind="secondary" onTap={() => void signOut()}>
            {t('auth.signOut')}
          </ActionButton>
        ) : null}
      </View>
    </Screen>
  );
}
