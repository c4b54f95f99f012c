import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { useSession } from '@/features/auth/hooks/use-session';
import { RegistrationForm } from '@/features/workers/components/RegistrationForm';
import { useRegistrationForm } from '@/features/workers/hooks/use-registration-form';
import { t } from '@/i18n';
import { go, routes } from '@/services/navigation';

/** 实名登记: five short steps, the draft kept on the phone, a safe resend. */
export default function RegisterPage() {
  const session = useSession();
  const form = useRegistrationForm();

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('register.title') });
  }, []);
  useEffect(() => {
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  }, [form.step, form.submit.kind]);

  if (!session) {
    return (
      <Screen>
        <View className="zy-page">
          <Notice tone="info">{t('common.signInFirst')}</Notice>
          <ActionButton onTap={() => go(routes.login)}>{t('common.goSignIn')}</ActionButton>
        </View>
      </Screen>
    );
  }

  if (form.submit.kind === 'done') {
    const { outcome, worker } = form.submit.result;
    return (
      <Screen>
        <View className="zy-page">
          <Notice tone="success">{t(`registrationOutcome.${outcome}`)}</Notice>
          <View className="zy-card">
            <Text className="zy-title">{worker.name}</Text>
            <Text className="zy-text">{worker.idNumberMasked}</Text>
            <Text className="zy-text">{worker.household.regionName} {worker.household.group}</Text>
          </View>
          <Text className="zy-text">{t('register.doneHint')}</Text>
          <View className="zy-actions">
            <ActionButton onTap={() => go(routes.jobs)}>{t('tabs.jobs')}</ActionButton>
            <ActionButton kind="secondary" onTap={() => go(routes.me)}>
              {t('tabs.me')}
            </ActionButton>
          </View>
        </View>
      </Screen>
    );
  }

  return (
    <Screen>
      <View className="zy-page">
        {form.step === 0 ? <Text className="zy-text">{t('register.intro')}</Text> : null}
        {form.restored && form.step === 0 ? <Notice tone="info">{t('register.draftRestored')}</Notice> : null}
        <RegistrationForm {...form} send={() => void form.send()} />
      </View>
    </Screen>
  );
}
