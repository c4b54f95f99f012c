import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { WorkerRegistration } from '@zhuanyi/shared';
import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { Screen } from '@/components/Screen';
import { SignInFirst } from '@/features/auth/components/SignInFirst';
import { getMyConsents } from '@/features/consents/api/consents-api';
import { PrivacyConsent } from '@/features/consents/components/PrivacyConsent';
import { JobAlertCard } from '@/features/job-alerts/components/JobAlertCard';
import { useSession } from '@/features/auth/hooks/use-session';
import { getRegionPath } from '@/features/regions/api/get-region';
import { getMyRegistration } from '@/features/workers/api/workers-api';
import { claimedIdNumberFor } from '@/features/workers/claimed-id';
import { RegistrationDone } from '@/features/workers/components/RegistrationDone';
import { RegistrationForm } from '@/features/workers/components/RegistrationForm';
import { useRegistrationForm } from '@/features/workers/hooks/use-registration-form';
import { registrationValuesOf, type RegistrationValues } from '@/features/workers/registration-form';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { go, routes } from '@/services/navigation';

/** What the form starts from: empty for a first registration, the stored record for 修改登记信息. */
type Start = { kind: 'loading' } | { kind: 'new' } | { kind: 'edit'; record: WorkerRegistration; values: RegistrationValues } | { kind: 'failed'; text: string };

async function loadStart(): Promise<Start> {
  const record = await getMyRegistration();
  const path = await getRegionPath(record.household.regionCode);
  return { kind: 'edit', record, values: registrationValuesOf(record, path, claimedIdNumberFor(record.id)) };
}

function RegisterSteps({ start }: { start: Exclude<Start, { kind: 'loading' } | { kind: 'failed' }> }) {
  const form = useRegistrationForm(start.kind === 'edit' ? start.values : undefined);
  useEffect(() => {
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  }, [form.step, form.submit.kind]);

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
  return (
    <Screen>
      <View className="zy-page">
        {form.step === 0 && start.kind === 'new' ? <Text className="zy-text zy-prose">{t('register.intro')}</Text> : null}
        {form.step === 0 && start.kind === 'edit' ? (
          <Notice tone="info">{t('register.editing', { idNumber: start.record.idNumberMasked, phone: start.record.phoneMasked })}</Notice>
        ) : null}
        {form.restored && form.step === 0 ? <Notice tone="info">{t('register.draftRestored')}</Notice> : null}
        <RegistrationForm {...form} send={() => void form.send()} />
      </View>
    </Screen>
  );
}

/** 实名登记: five short steps, the draft kept on the phone, a safe resend; 修改登记信息 starts from the stored record. */
export default function RegisterPage() {
  const session = useSession();
  // The privacy notice and the sensitive-information consent come first (null: still asking the server).
  const [consented, setConsented] = useState<boolean | null>(null);
  const [start, setStart] = useState<Start>({ kind: 'loading' });
  const workerId = session?.workerId ?? null;

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t(workerId ? 'register.update' : 'register.title') });
  }, [workerId]);

  useEffect(() => {
    if (!session) return;
    getMyConsents().then(
      (c) => setConsented(c.current.personal_info && c.current.sensitive_info),
      () => setConsented(false),
    );
  }, [session]);

  // A first registration refreshes the session with the new worker id: the page then keeps its 登记成功 screen.
  const startedNew = useRef(false);
  useEffect(() => {
    if (!workerId) {
      startedNew.current = true;
      setStart({ kind: 'new' });
      return undefined;
    }
    if (startedNew.current) return undefined;
    let live = true;
    setStart({ kind: 'loading' });
    loadStart().then(
      (s) => live && setStart(s),
      (error: unknown) => live && setStart({ kind: 'failed', text: errorText(error) }),
    );
    return () => {
      live = false;
    };
  }, [workerId]);

  if (!session) return <SignInFirst />;

  if (consented !== true || start.kind === 'loading' || start.kind === 'failed') {
    return (
      <Screen>
        <View className="zy-page">
          {consented === false ? <PrivacyConsent onAgreed={() => setConsented(true)} /> : null}
          {consented === true && start.kind === 'failed' ? <Notice tone="warn">{start.text}</Notice> : null}
        </View>
      </Screen>
    );
  }

  return <RegisterSteps key={start.kind === 'edit' ? start.record.id : 'new'} start={start} />;
}
