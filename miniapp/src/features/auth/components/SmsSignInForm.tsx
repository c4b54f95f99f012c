import { Input, Text, View } from '@tarojs/components';
import { MobilePhoneSchema, SmsSignInRequestSchema, fieldMessages, type TokenPair } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Field } from '@/components/Form';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { ApiError } from '@/services/errors';
import { requestSmsCode, signInWithSms } from '../api/auth-api';
import { useCountdown } from '../hooks/use-countdown';
import './SmsSignInForm.scss';

type Errors = Partial<Record<'phone' | 'code', string>>;

/** Server problems go next to the field they are about; sign-in failures sit under the code. */
export function signInErrors(error: unknown, fallbackField: 'phone' | 'code'): Errors {
  if (error instanceof ApiError && (error.fields.phone || error.fields.code)) {
    return { phone: error.fields.phone, code: error.fields.code };
  }
  return { [fallbackField]: errorText(error) };
}

/** Phone + SMS code (the browser's sign-in); resend after 60 s. */
export function SmsSignInForm({ onSignedIn }: { onSignedIn: (pair: TokenPair) => void }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState<'send' | 'signIn' | null>(null);
  const countdown = useCountdown();

  const send = async () => {
    const parsed = MobilePhoneSchema.safeParse(phone);
    if (!parsed.success) {
      setErrors({ phone: fieldMessages(parsed.error.issues)[''] });
      return;
    }
    setBusy('send');
    setErrors({});
    try {
      const sent = await requestSmsCode(parsed.data);
      setSentTo(sent.phoneMasked);
      countdown.start(sent.resendAfterSeconds);
    } catch (error) {
      setErrors(signInErrors(error, 'phone'));
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    const parsed = SmsSignInRequestSchema.safeParse({ phone, code });
    if (!parsed.success) {
      setErrors(fieldMessages(parsed.error.issues));
      return;
    }
    setBusy('signIn');
    setErrors({});
    try {
      onSignedIn(await signInWithSms(parsed.data.phone, parsed.data.code));
    } catch (error) {
      setErrors(signInErrors(error, 'code'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="sms-form">
      <Field label={t('auth.phone')} error={errors.phone}>
        <Input
          className="zy-input"
          type="number"
          value={phone}
          maxlength={11}
          placeholder={t('auth.phonePlaceholder')}
          onInput={(e) => setPhone(e.detail.value)}
        />
      </Field>
      <Field label={t('auth.code')} error={errors.code} hint={sentTo ? t('auth.codeSent', { phone: sentTo }) : undefined}>
        <View className="sms-form__code">
          <Input
            className="zy-input sms-form__code-input"
            type="number"
            value={code}
            maxlength={6}
            placeholder={t('auth.codePlaceholder')}
            onInput={(e) => setCode(e.detail.value)}
          />
          <View
            className={countdown.left > 0 || busy ? 'sms-form__send sms-form__send--off' : 'sms-form__send'}
            ariaRole="button"
            onClick={countdown.left > 0 || busy ? undefined : () => void send()}
          >
            <Text>
              {busy === 'send'
                ? t('auth.sending')
                : countdown.left > 0
                  ? t('auth.resendIn', { seconds: countdown.left })
                  : t('auth.sendCode')}
            </Text>
          </View>
        </View>
      </Field>
      <ActionButton onTap={() => void submit()} disabled={busy !== null}>
        {busy === 'signIn' ? t('auth.signingIn') : t('auth.signIn')}
      </ActionButton>
    </View>
  );
}
