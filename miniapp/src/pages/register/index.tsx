import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { SignInFirst } from '@/features/auth/components/SignInFirst';
import { getMyConsents } from '@/features/consents/api/consents-api';
import { PrivacyConsent } from '@/features/consents/components/PrivacyConsent';
import { JobAlertCard } from '@/features/job-alerts/components/JobAlertCard';
import { useSession } from '@/features/auth/hooks/use-session';
import { RegistrationDone } from '@/features/workers/components/RegistrationDone';
import { RegistrationForm } from '@/features/workers/components/RegistrationForm';
import { useRegistrationForm } from '@/features/workers/hooks/use-registration-form';
import { t } from '@/i18n';
import { go, routes } from '@/services/navigation';

/** 实名登记: five short steps, the draft kept on the phone, a safe resend. */
export default function RegisterPage() {
  const session = useSession();
  const form = useRegistrationForm();
  // The privacy notice and the sensitive-information consent come first (null: still asking the server).
  const [consented, setConsented] = useState<boolean | null>(null);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('register.title') });
  }, []);
  useEffect(() => {
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  }, [form.step, form.submit.kind]);

  useEffect(() => {
    if (!session) return;
    getMyConsents().then(
      (c) => setConsented(c.current.personal_info && c.current.sensitive_info),
      () => setConsented(false),
    );
  }, [session]);

  if (!session) return <SignInFirst />;

  if (form.submit.kind === 'done') {
    return (
      <RegistrationDone result={form.submit.result} hint={t('register.doneHint')}>
        {form.submit.result.worker.jobIntention.wantsJob && form.submit.result.worker.jobIntention.trades.length > 0 ? <JobAlertCard /> : null}
        <ActionButton onTap={() => go(routes.jobs)}>{t('tabs.jobs')}</ActionButton>
        <ActionButton kind="secondary" onTap={() => go(routes.me)}>
          {t('tabs.me')}
        </ActionButton>
      </RegistrationDone>
    );
  }

  if (consented !== true) {
    return (
      <Screen>
        <View className="zy-page">
          {consented === false ? <PrivacyConsent onAgreed={() => setConsented(true)} /> : null}
        </View>
      </Screen>
    );
  }

  return (
    <Screen>
      <View className="zy-page">
        {form.step === 0 ? <Text className="zy-text zy-prose">{t('register.intro')}</Text> : null}
        {form.restored && form.step === 0 ? <Notice tone="info">{t('register.draftRestored')}</Notice> : null}
        <RegistrationForm {...form} send={() => void form.send()} />
      </View>
    </Screen>
  );
}
