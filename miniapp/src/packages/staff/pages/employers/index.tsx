import { Text, View } from '@tarojs/components';
import { EmployerInputSchema, EmployerPatchSchema, type StaffEmployerSchema } from '@zhuanyi/shared';
import type { z } from 'zod';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, TextField, YesNo } from '@/components/Form';
import { RegionField } from '@/features/regions/components/RegionField';
import { Tag } from '@/components/Tag';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { createEmployer, listEmployers, patchEmployer } from '@/features/staff/api/console-api';
import { checkWith, optional } from '@/features/staff/console-forms';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { useFields } from '@/features/staff/hooks/use-fields';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { PublishingPage, type PublishCardProps, type PublishFormProps } from '../../components/PublishingPage';
import { SaveButtons } from '../../components/SaveButtons';
import { useSave } from '@/features/staff/hooks/use-save';

type Employer = z.infer<typeof StaffEmployerSchema>;
interface Values {
  name: string;
  creditCode: string;
  regionCode: string;
  industry: string;
  contactName: string;
  contactPhone: string;
  verified: boolean | null;
  description: string;
}
const blank = (region: string): Values => ({ name: '', creditCode: '', regionCode: region, industry: '', contactName: '', contactPhone: '', verified: false, description: '' });
const fromEmployer = (e: Employer): Values => ({ name: e.name, creditCode: e.creditCode ?? '', regionCode: e.regionCode, industry: e.industry, contactName: e.contactName, contactPhone: e.contactPhone, verified: e.verified, description: '' });

function EmployerForm({ editing, region, onSaved, onCancel }: PublishFormProps<Employer>) {
  const { values, errors, setErrors, set } = useFields<Values>(editing ? fromEmployer(editing) : blank(region));
  const { busy, save } = useSave<Employer>(onSaved, setErrors);
  const submit = () => {
    const body = { ...values, creditCode: optional(values.creditCode), verified: values.verified === true, description: editing && values.description.trim() === '' ? undefined : values.description };
    const checked = checkWith(editing ? EmployerPatchSchema : EmployerInputSchema, body);
    if (!checked.ok) return setErrors(checked.errors);
    save(() => (editing ? patchEmployer(editing.id, body) : createEmployer(body)));
  };
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{editing ? `${t('staff.publish.edit')}：${editing.name}` : `${t('staff.publish.create')}${t('staff.employers.title')}`}</Text>
      <TextField label={t('staff.employers.name')} value={values.name} maxlength={80} error={errors.name} onChange={set('name')} />
      <TextField label={`${t('staff.employers.creditCode')}${t('staff.publish.optional')}`} hint={t('staff.employers.creditHint')} value={values.creditCode} maxlength={18} error={errors.creditCode} onChange={set('creditCode')} />
      <RegionField label={t('staff.publish.region')} value={values.regionCode} error={errors.regionCode} onChange={set('regionCode')} />
      <TextField label={t('staff.employers.industry')} value={values.industry} maxlength={30} error={errors.industry} onChange={set('industry')} />
      <TextField label={t('staff.publish.contactName')} value={values.contactName} maxlength={30} error={errors.contactName} onChange={set('contactName')} />
      <TextField label={t('staff.publish.contactPhone')} type="number" maxlength={11} value={values.contactPhone} error={errors.contactPhone} onChange={set('contactPhone')} />
      <YesNo label={t('staff.employers.verifiedLabel')} value={values.verified} error={errors.verified} onChange={set('verified')} />
      <TextField label={`${t('staff.publish.description')}${t('staff.publish.optional')}`} value={values.description} maxlength={2000} error={errors.description} onChange={set('description')} />
      <SaveButtons error={errors.form} busy={busy} editing={editing !== null} onSave={submit} onCancel={onCancel} />
    </View>
  );
}

function EmployerCard({ employer, onEdit, onSaved }: PublishCardProps<Employer> & { employer: Employer }) {
  const [error, setError] = useState<string | null>(null);
  const toggle = () =>
    patchEmployer(employer.id, { verified: !employer.verified }).then(onSaved, (e: unknown) => setError(errorText(e)));
  return (
    <View className="zy-staff-card zy-employer">
      <View className="zy-queue-item__head">
        <Text className="zy-person__name">{employer.name}</Text>
        <Tag label={employer.verified ? t('staff.employers.verified') : t('staff.employers.unverified')} tone={employer.verified ? 'success' : 'warn'} />
      </View>
      <Text className="zy-muted zy-mono">{employer.creditCode ?? '—'}</Text>
      <Text className="zy-muted">{`${employer.industry} · ${employer.contactName} ${employer.contactPhone}`}</Text>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <View className="zy-inline zy-staff-gap-top">
        <ActionButton kind="secondary" onTap={onEdit}>
          {t('staff.publish.edit')}
        </ActionButton>
        <ActionButton kind="secondary" onTap={() => void toggle()}>
          {employer.verified ? t('staff.employers.markUnverified') : t('staff.employers.markVerified')}
        </ActionButton>
      </View>
    </View>
  );
}

function Employers() {
  return (
    <PublishingPage<Employer>
      load={listEmployers}
      loadKey="employers"
      renderForm={(props) => <EmployerForm {...props} />}
      renderCard={(e, props) => <EmployerCard employer={e} {...props} />}
    />
  );
}

/** Employers of the staff member's region: unified social credit code (checked), verified flag; create and edit. */
export default function StaffEmployersPage() {
  return <StaffGate allow={staffCan.registry}>{() => <Employers />}</StaffGate>;
}
