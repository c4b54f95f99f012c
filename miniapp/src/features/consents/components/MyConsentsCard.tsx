import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ConsentPurposeSchema, type ConsentPurpose, type MyConsents } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { chinaDate } from '@/features/complaints/format';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { getMyConsents, grantConsents, withdrawConsent } from '../api/consents-api';

function statusText(purpose: ConsentPurpose, consents: MyConsents): string {
  const latest = consents.history.find((h) => h.purpose === purpose);
  if (consents.current[purpose] && latest) return t('consent.givenAt', { date: chinaDate(latest.grantedAt), version: latest.noticeVersion });
  if (latest?.withdrawnAt) return t('consent.withdrawn', { date: chinaDate(latest.withdrawnAt) });
  return t('consent.notGiven');
}

/** 我的 → 隐私与授权: what was agreed and when, withdrawal with what stops working, agree again. */
export function MyConsentsCard() {
  const { state, setState } = useAsync(getMyConsents, 'consents', true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (state.status === 'loading') return null;
  if (state.status === 'error') return <Notice tone="warn">{errorText(state.error)}</Notice>;
  const consents = state.data;
  const run = (call: () => Promise<MyConsents>) => {
    setBusy(true);
    setFailure(null);
    call().then(
      (data) => {
        setState({ status: 'ready', data });
        setBusy(false);
      },
      (error: unknown) => {
        setFailure(errorText(error));
        setBusy(false);
      },
    );
  };
  const withdraw = async (purpose: ConsentPurpose) => {
    const answer = await Taro.showModal({
      title: t('consent.withdrawConfirm'),
      content: t('consent.withdrawEffect'),
      confirmText: t('consent.withdraw'),
      cancelText: t('common.cancel'),
    });
    if (answer.confirm) run(() => withdrawConsent(purpose));
  };
  const anyGiven = consents.current.personal_info || consents.current.sensitive_info;
  const allGiven = consents.current.personal_info && consents.current.sensitive_info;
  return (
    <View className="zy-card" data-testid="my-consents">
      <Text className="zy-title">{t('consent.mine')}</Text>
      {ConsentPurposeSchema.options.map((p) => (
        <View key={p} className="zy-row">
          <Text className="zy-row__label">{t(`consent.purpose.${p}`)}</Text>
          <Text className="zy-row__value">{statusText(p, consents)}</Text>
        </View>
      ))}
      <Text className="zy-muted">{t('consent.withdrawEffect')}</Text>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      {anyGiven ? (
        <ActionButton kind="secondary" disabled={busy} onTap={() => void withdraw(consents.current.sensitive_info ? 'sensitive_info' : 'personal_info')}>
          {busy ? t('consent.withdrawing') : t('consent.withdraw')}
        </ActionButton>
      ) : null}
      {!allGiven ? (
        <ActionButton kind="secondary" disabled={busy} onTap={() => run(() => grantConsents(['personal_info', 'sensitive_info']))}>
          {t('consent.agreeAgain')}
        </ActionButton>
      ) : null}
    </View>
  );
}
