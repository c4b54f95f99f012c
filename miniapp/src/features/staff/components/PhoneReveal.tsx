import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, TextField } from '@/components/Form';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import './staff.scss';

/** Dials a number: WeChat's phone call, a tel: link in the browser. */
function call(phone: string): void {
  if (process.env.TARO_ENV === 'weapp') void Taro.makePhoneCall({ phoneNumber: phone });
  else window.location.href = `tel:${phone}`;
}

/**
 * A person's phone for staff: masked; the full number after a stated reason (the server audits
 * each reveal), then a call button. `reveal` is the endpoint of the record at hand (complainant,
 * applicant …), so any staff page can use it.
 */
export function PhoneReveal({ masked, reveal }: { masked: string | null; reveal: (reason: string) => Promise<string> }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [full, setFull] = useState<string | null>(null);
  if (!masked) return <Text className="zy-muted">{t('staff.case.unknown')}</Text>;
  const submit = () => {
    if (reason.trim().length < 4) {
      setError(t('staff.case.revealReasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    reveal(reason.trim()).then(
      (phone) => {
        setBusy(false);
        setFull(phone);
        setAsking(false);
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };
  return (
    <View className="zy-phone-reveal">
      <Text className="zy-phone-reveal__number">{full ?? masked}</Text>
      {full ? (
        <ActionButton onTap={() => call(full)}>{t('staff.case.call')}</ActionButton>
      ) : asking ? (
        <View>
          <TextField label={t('staff.case.revealReason')} value={reason} maxlength={200} error={error ?? undefined} onChange={setReason} />
          <ActionButton onTap={submit} disabled={busy}>
            {busy ? t('common.submitting') : t('staff.case.revealSubmit')}
          </ActionButton>
        </View>
      ) : (
        <ActionButton kind="secondary" onTap={() => setAsking(true)}>
          {t('staff.case.revealPhone')}
        </ActionButton>
      )}
      {error && !asking ? <Notice tone="error">{error}</Notice> : null}
    </View>
  );
}
