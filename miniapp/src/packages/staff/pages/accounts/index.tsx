import { Text, View } from '@tarojs/components';
import { StaffAccountPatchSchema, type StaffAccount } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, SingleChoice, TextField } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { createAccount, listAccounts, patchAccount } from '@/features/staff/api/console-api';
import { RegionField } from '@/features/regions/components/RegionField';
import { apiErrors, checkAccountCreate, checkWith, type AccountFormValues } from '@/features/staff/console-forms';
import { SignInDelaysPanel } from '@/features/staff/components/SignInDelaysPanel';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { useFields } from '@/features/staff/hooks/use-fields';
import { staffCan } from '@/features/staff/hooks/use-staff-session';

const EMPTY: AccountFormValues = { username: '', displayName: '', role: 'staff', regionScope: '', password: '', phone: '' };

function CreateForm({ onCreated }: { onCreated: (a: StaffAccount) => void }) {
  const { values, errors, setErrors, set, reset } = useFields(EMPTY);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const submit = () => {
    const checked = checkAccountCreate(values);
    setDone(null);
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    createAccount(checked.body).then(
      (a) => {
        setBusy(false);
        reset();
        setDone(t('staff.accounts.created', { username: a.username }));
        onCreated(a);
      },
      (e: unknown) => {
        setBusy(false);
        setErrors(apiErrors(e));
      },
    );
  };
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{t('staff.accounts.create')}</Text>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <TextField label={t('staff.accounts.username')} hint={t('staff.accounts.usernameHint')} value={values.username} maxlength={32} error={errors.username} onChange={set('username')} />
      <TextField label={t('staff.accounts.displayName')} value={values.displayName} maxlength={30} error={errors.displayName} onChange={set('displayName')} />
      <SingleChoice
        label={t('staff.accounts.role')}
        inline
        value={values.role}
        error={errors.role}
        onChange={set('role')}
        options={(['staff', 'intake', 'admin', 'broker'] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      {values.role === 'admin' ? null : (
        <RegionField label={t('staff.accounts.regionScope')} hint={t('staff.accounts.regionHint')} shallowestLevel="county" deepestLevel="township" value={values.regionScope} error={errors.regionScope} onChange={set('regionScope')} />
      )}
      <TextField label={t('staff.accounts.password')} hint={t('staff.accounts.passwordHint')} value={values.password} maxlength={128} error={errors.password} onChange={set('password')} />
      <TextField label={`${t('staff.accounts.phone')}${t('staff.publish.optional')}`} type="number" maxlength={11} value={values.phone} error={errors.phone} onChange={set('phone')} />
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <ActionButton onTap={submit} disabled={busy}>
        {busy ? t('common.submitting') : t('staff.accounts.submit')}
      </ActionButton>
    </View>
  );
}

function AccountRow({ account, onSaved }: { account: StaffAccount; onSaved: (a: StaffAccount) => void }) {
  const [mode, setMode] = useState<'toggle' | 'password' | null>(null);
  const { values, errors, setErrors, set, reset } = useFields({ password: '', reason: '' });
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const submit = () => {
    const body = mode === 'password' ? { password: values.password, reason: values.reason.trim() } : { active: !account.active, reason: values.reason.trim() };
    const checked = checkWith(StaffAccountPatchSchema, body);
    if (!checked.ok) return setErrors({ ...checked.errors, ...(checked.errors.reason ? { reason: t('staff.accounts.reasonRequired') } : {}) });
    setBusy(true);
    patchAccount(account.id, body).then(
      (a) => {
        setBusy(false);
        setMode(null);
        reset();
        setSaved(true);
        onSaved(a);
      },
      (e: unknown) => {
        setBusy(false);
        setErrors(apiErrors(e));
      },
    );
  };
  return (
    <View className="zy-staff-card zy-account">
      <View className="zy-queue-item__head">
        <Text className="zy-person__name">{account.displayName}</Text>
        <Tag label={account.active ? t('staff.accounts.active') : t('staff.accounts.inactive')} tone={account.active ? 'success' : 'warn'} />
      </View>
      <Text className="zy-muted">{`${account.username} · ${t(`role.${account.role}`)} · ${account.regionName ?? account.regionScope ?? t('staff.accounts.allRegions')}`}</Text>
      {saved ? <Notice tone="success">{t('staff.accounts.saved')}</Notice> : null}
      {mode === null ? (
        <View className="zy-inline zy-staff-gap-top">
          <ActionButton kind="secondary" onTap={() => { setMode('toggle'); setSaved(false); }}>
            {account.active ? t('staff.accounts.disable') : t('staff.accounts.enable')}
          </ActionButton>
          <ActionButton kind="secondary" onTap={() => { setMode('password'); setSaved(false); }}>
            {t('staff.accounts.resetPassword')}
          </ActionButton>
        </View>
      ) : (
        <View className="zy-staff-gap-top">
          {mode === 'password' ? (
            <TextField label={t('staff.accounts.newPassword')} hint={t('staff.accounts.passwordHint')} value={values.password} maxlength={128} error={errors.password} onChange={set('password')} />
          ) : null}
          <TextField label={t('staff.accounts.reason')} value={values.reason} maxlength={200} error={errors.reason} onChange={set('reason')} />
          {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
          <View className="zy-staff-buttons">
            <ActionButton onTap={submit} disabled={busy}>
              {busy ? t('common.submitting') : `${t('staff.accounts.confirm')}${mode === 'password' ? t('staff.accounts.resetPassword') : account.active ? t('staff.accounts.disable') : t('staff.accounts.enable')}`}
            </ActionButton>
            <ActionButton kind="secondary" onTap={() => { setMode(null); reset(); }}>
              {t('common.cancel')}
            </ActionButton>
          </View>
        </View>
      )}
    </View>
  );
}

function Accounts() {
  const { state, reload, setState } = useAsync(() => listAccounts(), 'accounts');
  const replace = (a: StaffAccount) => {
    if (state.status !== 'ready') return;
    const items = state.data.items.some((x) => x.id === a.id) ? state.data.items.map((x) => (x.id === a.id ? a : x)) : [a, ...state.data.items];
    setState({ status: 'ready', data: { items } });
  };
  return (
    <View className="zy-staff-grid">
      <CreateForm onCreated={replace} />
      <SignInDelaysPanel />
      <View>
        <Text className="zy-staff-card__title">{t('staff.accounts.list')}</Text>
        {state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
        {state.status === 'error' ? <StatusView kind="error" title={t('staff.accounts.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /> : null}
        {state.status === 'ready' ? state.data.items.map((a) => <AccountRow key={a.id} account={a} onSaved={replace} />) : null}
      </View>
    </View>
  );
}

/** Admin: staff accounts with role and region scope; disable/enable and password reset, each with a reason for the audit trail. */
export default function StaffAccountsPage() {
  return <StaffGate allow={staffCan.admin}>{() => <Accounts />}</StaffGate>;
}
