import { Text, View } from '@tarojs/components';
import { PRIVACY_NOTICE_VERSION, type ConsentPurpose, type MyConsents } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { MultiChoice, Notice } from '@/components/Form';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { grantConsents } from '../api/consents-api';

/**
 * Before 实名登记: the short privacy notice, then two separate ticks (the notice; sensitive
 * personal information), nothing pre-ticked. Agreeing records both on the server.
 */
export function PrivacyConsent({ onAgreed }: { onAgreed: (consents: MyConsents) => void }) {
  const [ticked, setTicked] = useState<Record<ConsentPurpose, boolean>>({ personal_info: false, sensitive_info: false });
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const missing = (p: ConsentPurpose) => (tried && !ticked[p] ? t('consent.needBoth') : undefined);

  const agree = () => {
    setTried(true);
    if (!ticked.personal_info || !ticked.sensitive_info || sending) return;
    setSending(true);
    setFailure(null);
    grantConsents(['personal_info', 'sensitive_info']).then(onAgreed, (error: unknown) => {
      setSending(false);
      setFailure(t('consent.saveFailed', { reason: errorText(error) }));
    });
  };
  const tick = (p: ConsentPurpose) => (v: string[]) => setTicked((s) => ({ ...s, [p]: v.length > 0 }));

  return (
    <View className="zy-card consent" data-testid="privacy-consent">
      <Text className="zy-title">{t('consent.title')}</Text>
      <Text className="zy-text">{t('consent.notice')}</Text>
      <MultiChoice label="" value={ticked.personal_info ? ['yes'] : []} options={[{ value: 'yes', label: t('consent.agreeNotice') }]} error={missing('personal_info')} onChange={tick('personal_info')} />
      <Text className="zy-text">{t('consent.sensitiveNotice')}</Text>
      <MultiChoice label="" value={ticked.sensitive_info ? ['yes'] : []} options={[{ value: 'yes', label: t('consent.agreeSensitive') }]} error={missing('sensitive_info')} onChange={tick('sensitive_info')} />
      <Text className="zy-muted">{t('consent.version', { version: PRIVACY_NOTICE_VERSION })}</Text>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <ActionButton onTap={agree} disabled={sending}>
        {sending ? t('consent.agreeing') : t('consent.agree')}
      </ActionButton>
    </View>
  );
}
