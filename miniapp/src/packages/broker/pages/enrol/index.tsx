import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ConsentMethodSchema } from '@zhuanyi/shared';
import { useEffect } from 'react';
import { Screen } from '@/components/Screen';
import { ActionButton } from '@/components/ActionButton';
import { MultiChoice, SingleChoice } from '@/components/Form';
import { t } from '@/i18n';
import { RegistrationDone } from '@/features/workers/components/RegistrationDone';
import { RegistrationForm } from '@/features/workers/components/RegistrationForm';
import { REGISTRATION_STEPS } from '@/features/workers/registration-form';
import { useEnrolForm } from '@/features/brokers/hooks/use-enrol-form';
import { brokerRoutes } from '@/features/brokers/routes';
import '@/features/brokers/components/brokers.scss';

/** Enrol one person with the worker registration form; the person's consent is ticked on the last step. */
export default function BrokerEnrolPage() {
  const form = useEnrolForm();
  useEffect(() => {
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  }, [form.step, form.result]);

  if (form.result) {
    return (
      <RegistrationDone result={form.result} hint={t('broker.enrol.claimHint')}>
        <ActionButton onTap={form.reset}>{t('broker.enrol.another')}</ActionButton>
        <ActionButton kind="secondary" onTap={() => void Taro.redirectTo({ url: brokerRoutes.people })}>{t('broker.enrol.toPeople')}</ActionButton>
      </RegistrationDone>
    );
  }

  const last = form.step === REGISTRATION_STEPS.length - 1;
  return (
    <Screen>
      <View className="zy-page">
        {form.step === 0 ? <Text className="zy-text">{t('broker.enrol.intro')}</Text> : null}
        {last ? (
          <View className="zy-card" data-testid="enrol-consent">
            <MultiChoice
              label={t('broker.enrol.consentTitle')}
              value={form.consent ? ['given'] : []}
              options={[{ value: 'given', label: t('broker.enrol.consent') }]}
              error={form.consentError ?? undefined}
              onChange={(v) => form.setConsent(v.includes('given'))}
            />
            <SingleChoice
              label={t('broker.enrol.consentMethod')}
              inline
              value={form.consentMethod}
              options={ConsentMethodSchema.options.map((m) => ({ value: m, label: t(`consentMethod.${m}`) }))}
              onChange={form.setConsentMethod}
            />
          </View>
        ) : null}
        <RegistrationForm {...form} send={() => void form.send()} />
      </View>
    </Screen>
  );
}
