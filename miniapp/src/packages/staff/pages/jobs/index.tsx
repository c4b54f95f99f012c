import { Text, View } from '@tarojs/components';
import { StaffJobInputSchema, StaffJobPatchSchema, fenToYuanText, type StaffJobSchema } from '@zhuanyi/shared';
import type { z } from 'zod';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, SingleChoice, TextField, YesNo } from '@/components/Form';
import { RegionField } from '@/features/regions/components/RegionField';
import { Tag } from '@/components/Tag';
import { formatPay } from '@/features/jobs/format';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { closeJob, createJob, listEmployers, listJobs, patchJob, pushJob } from '@/features/staff/api/console-api';
import { checkWith, fenOf, intOf, type FieldErrors } from '@/features/staff/console-forms';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { useFields } from '@/features/staff/hooks/use-fields';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { PublishingPage, type PublishCardProps, type PublishFormProps } from '../../components/PublishingPage';
import { SaveButtons } from '../../components/SaveButtons';
import { useSave } from '@/features/staff/hooks/use-save';

type Job = z.infer<typeof StaffJobSchema>;
interface Values {
  employerId: string;
  title: string;
  trade: string;
  regionCode: string;
  payMin: string;
  payMax: string;
  openings: string;
  mealsAndLodging: boolean | null;
  workHours: string;
  description: string;
  contactName: string;
  contactPhone: string;
}
const blank = (region: string): Values => ({ employerId: '', title: '', trade: '', regionCode: region, payMin: '', payMax: '', openings: '', mealsAndLodging: false, workHours: '', description: '', contactName: '', contactPhone: '' });
const fromJob = (j: Job): Values => ({ ...blank(j.regionCode), title: j.title, trade: j.trade, payMin: fenToYuanText(j.payMinFen), payMax: fenToYuanText(j.payMaxFen), openings: String(j.openings) });

/** Amount and count fields checked here; the rest by the shared schema. */
function numbers(v: Values): { payMinFen: number; payMaxFen: number; openings: number; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const payMinFen = fenOf(v.payMin);
  const payMaxFen = fenOf(v.payMax);
  const openings = intOf(v.openings);
  if (payMinFen === null) errors.payMinFen = t('staff.jobs.payInvalid');
  if (payMaxFen === null) errors.payMaxFen = t('staff.jobs.payInvalid');
  if (!Number.isInteger(openings) || openings < 1 || openings > 100_000) errors.openings = t('staff.jobs.openingsInvalid');
  return { payMinFen: payMinFen ?? -1, payMaxFen: payMaxFen ?? -1, openings, errors };
}

function JobForm({ editing, region, onSaved, onCancel }: PublishFormProps<Job>) {
  const employers = useAsync(() => listEmployers(), 'employers');
  const { values, errors, setErrors, set } = useFields<Values>(editing ? fromJob(editing) : blank(region));
  const { busy, save } = useSave<Job>(onSaved, setErrors);
  const submit = () => {
    const n = numbers(values);
    const body = editing
      ? { title: values.title, payMinFen: n.payMinFen, payMaxFen: n.payMaxFen, openings: n.openings, ...(values.workHours.trim() ? { workHours: values.workHours } : {}), ...(values.description.trim() ? { description: values.description } : {}) }
      : { ...values, payMinFen: n.payMinFen, payMaxFen: n.payMaxFen, openings: n.openings, mealsAndLodging: values.mealsAndLodging === true, payMin: undefined, payMax: undefined };
    const checked = checkWith(editing ? StaffJobPatchSchema : StaffJobInputSchema, body);
    const found = { ...(checked.ok ? {} : checked.errors), ...n.errors };
    if (!editing && !values.employerId) found.employerId = t('staff.jobs.employerRequired');
    if (Object.values(found).some(Boolean)) return setErrors(found);
    save(() => (editing ? patchJob(editing.id, body) : createJob(body)));
  };
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{editing ? `${t('staff.publish.edit')}：${editing.title}` : `${t('staff.publish.create')}${t('staff.jobs.title')}`}</Text>
      {!editing ? (
        employers.state.status === 'ready' && employers.state.data.items.length > 0 ? (
          <SingleChoice
            label={t('staff.jobs.employer')}
            inline
            value={values.employerId}
            error={errors.employerId}
            onChange={set('employerId')}
            options={employers.state.data.items.map((e) => ({ value: e.id, label: e.name }))}
          />
        ) : employers.state.status === 'ready' ? (
          <Notice tone="warn">{t('staff.jobs.noEmployers')}</Notice>
        ) : null
      ) : null}
      <TextField label={t('staff.jobs.jobTitle')} value={values.title} maxlength={60} error={errors.title} onChange={set('title')} />
      {!editing ? (
        <>
          <TextField label={t('staff.jobs.trade')} value={values.trade} maxlength={30} error={errors.trade} onChange={set('trade')} />
          <RegionField label={t('staff.publish.region')} value={values.regionCode} error={errors.regionCode} onChange={set('regionCode')} />
        </>
      ) : null}
      <TextField label={t('staff.jobs.payMin')} type="digit" maxlength={12} value={values.payMin} error={errors.payMinFen} onChange={set('payMin')} />
      <TextField label={t('staff.jobs.payMax')} type="digit" maxlength={12} value={values.payMax} error={errors.payMaxFen} onChange={set('payMax')} />
      <TextField label={t('staff.jobs.openings')} type="number" maxlength={6} value={values.openings} error={errors.openings} onChange={set('openings')} />
      {!editing ? <YesNo label={t('staff.jobs.mealsAndLodging')} value={values.mealsAndLodging} onChange={set('mealsAndLodging')} /> : null}
      <TextField label={`${t('staff.jobs.workHours')}${t('staff.publish.optional')}`} value={values.workHours} maxlength={60} error={errors.workHours} onChange={set('workHours')} />
      <TextField label={`${t('staff.publish.description')}${t('staff.publish.optional')}`} value={values.description} maxlength={4000} error={errors.description} onChange={set('description')} />
      {!editing ? (
        <>
          <TextField label={t('staff.publish.contactName')} value={values.contactName} maxlength={30} error={errors.contactName} onChange={set('contactName')} />
          <TextField label={t('staff.publish.contactPhone')} type="number" maxlength={11} value={values.contactPhone} error={errors.contactPhone} onChange={set('contactPhone')} />
        </>
      ) : null}
      <SaveButtons error={errors.form} busy={busy} editing={editing !== null} onSave={submit} onCancel={onCancel} />
    </View>
  );
}

function JobCard({ job, onEdit, onSaved }: PublishCardProps<Job> & { job: Job }) {
  const [note, setNote] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = <T,>(call: () => Promise<T>, ok: (r: T) => void) => {
    setBusy(true);
    setNote(null);
    call().then(
      (r) => {
        setBusy(false);
        ok(r);
      },
      (e: unknown) => {
        setBusy(false);
        setNote({ tone: 'error', text: errorText(e) });
      },
    );
  };
  const open = job.status === 'open';
  return (
    <View className="zy-staff-card zy-job">
      <View className="zy-queue-item__head">
        <Text className="zy-person__name">{job.title}</Text>
        <Tag label={open ? t('staff.publish.open') : t('staff.publish.ended')} tone={open ? 'success' : 'neutral'} />
      </View>
      <Text className="zy-muted">{`${job.employerName} · ${job.regionName} · ${job.trade}`}</Text>
      <Text className="zy-text">{`${formatPay(job)} · ${t('staff.jobs.openingsText', { count: job.openings })}`}</Text>
      {note ? <Notice tone={note.tone}>{note.text}</Notice> : null}
      {open ? (
        <View className="zy-inline zy-staff-gap-top">
          <ActionButton disabled={busy} onTap={() => run(() => pushJob(job.id), (r) => setNote({ tone: 'success', text: t('staff.jobs.pushed', { count: r.pushed }) }))}>
            {busy ? t('staff.jobs.pushing') : t('staff.jobs.push')}
          </ActionButton>
          <ActionButton kind="secondary" onTap={onEdit}>
            {t('staff.publish.edit')}
          </ActionButton>
          <ActionButton kind="secondary" disabled={busy} onTap={() => run(() => closeJob(job.id), onSaved)}>
            {t('staff.publish.close')}
          </ActionButton>
        </View>
      ) : null}
    </View>
  );
}

function Jobs() {
  return (
    <PublishingPage<Job>
      load={listJobs}
      loadKey="jobs"
      renderForm={(props) => <JobForm {...props} />}
      renderCard={(j, props) => <JobCard job={j} {...props} />}
    />
  );
}

/** Job postings of the region: publish, edit, close, and push to the people they fit (each push recorded as a service). */
export default function StaffJobsPage() {
  return <StaffGate allow={staffCan.registry}>{() => <Jobs />}</StaffGate>;
}
