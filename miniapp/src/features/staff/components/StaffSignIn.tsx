import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Field, Notice, TextField } from '@/components/Form';
import { t } from '@/i18n';
import { ApiError } from '@/services/errors';
import { errorText } from '@/services/error-text';
import { isStaffRole, signInStaff } from '../api/staff-api';
import './staff.scss';

interface Errors {
  username?: string;
  password?: string;
  form?: string;
}

/** Username + password sign-in for staff, intake officers and admins; problems shown under the field they concern. */
export function StaffSignIn({ onSignedIn }: { onSignedIn?: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  const submit = () => {
    const found: Errors = {};
    if (!username.trim()) found.username = t('staff.signIn.usernameRequired');
    if (!password) found.password = t('staff.signIn.passwordRequired');
    setErrors(found);
    if (found.username || found.password) return;
    setBusy(true);
    signInStaff(username.trim(), password).then(
      (pair) => {
        setBusy(false);
        if (!isStaffRole(pair.subject.role)) {
          setErrors({ username: t('staff.signIn.notStaff') });
          return;
        }
        onSignedIn?.();
      },
      (e: unknown) => {
        setBusy(false);
        if (e instanceof ApiError && e.fields.username) setErrors({ username: t('staff.signIn.usernameRequired') });
        else if (e instanceof ApiError && e.status < 500) setErrors({ password: errorText(e) });
        else setErrors({ form: errorText(e) });
      },
    );
  };

  return (
    <View className="zy-staff-card zy-staff-signin">
      <Text className="zy-staff-card__title">{t('staff.signIn.title')}</Text>
      <Text className="zy-muted zy-staff-gap">{t('staff.signIn.intro')}</Text>
      <TextField label={t('staff.signIn.username')} value={username} onChange={(v) => { setUsername(v); setErrors((e) => ({ ...e, username: undefined })); }} maxlength={32} error={errors.username} />
      <Field label={t('staff.signIn.password')} error={errors.password}>
        <Input className="zy-input" password value={password} maxlength={128} ariaLabel={t('staff.signIn.password')} onInput={(e) => { setPassword(e.detail.value); setErrors((x) => ({ ...x, password: undefined })); }} onConfirm={submit} />
      </Field>
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <ActionButton onTap={submit} disabled={busy}>
        {busy ? t('staff.signIn.submitting') : t('staff.signIn.submit')}
      </ActionButton>
    </View>
  );
}
