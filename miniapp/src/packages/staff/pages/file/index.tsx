import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { StaffComplaintCreateSchema, type Complaint } from '@zhuanyi/shared';
import { useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Field, Notice, SingleChoice, TextField } from '@/components/Form';
import { t } from '@/i18n';
import { EMPTY_COMPLAINT, complaintFieldForPath, toComplaintInput, validateComplaint, type ComplaintErrors, type ComplaintValues } from '@/features/complaints/complaint-form';
import { MoneyStep, WantStep, WhereStep, WhoStep } from '@/features/complaints/components/ComplaintForm';
import { fileForWorker } from '@/features/staff/api/console-api';
import type { StaffRole } from '@/features/staff/api/staff-api';
import { apiErrors, checkWith, optional, type FieldErrors } from '@/features/staff/console-forms';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { staffRoutes } from '@/features/staff/routes';

/** A walk-in filing has no demands question (the oral record says what the person asks): 要回工资, as the API defaults. */
const STAFF_FILED: ComplaintValues = { ...EMPTY_COMPLAINT, demands: ['pay_wages'] };

interface Applicant {
  channel: 'walk_in' | 'phone';
  workerName: string;
  workerPhone: string;
  oralRecord: string;
}
const EMPTY_APPLICANT: Applicant = { channel: 'walk_in', workerName: '', workerPhone: '', oralRecord: '' };
const newKey = () => `staff-file-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Splits errors keyed by request path into the applicant part and the complaint form's fields. */
function splitErrors(fields: FieldErrors): { applicant: FieldErrors; complaint: ComplaintErrors } {
  const applicant: FieldErrors = {};
  const complaint: ComplaintErrors = {};
  for (const [path, text] of Object.entries(fields)) {
    if (!text) continue;
    if (path.startsWith('complaint.')) {
      const f = complaintFieldForPath(path.slice('complaint.'.length));
      complaint[f] ??= text;
    } else applicant[path === '' ? 'form' : path] ??= text;
  }
  return { applicant, complaint };
}

function Filed({ complaint, role, again }: { complaint: Complaint; role: StaffRole; again: () => void }) {
  return (
    <View className="zy-staff-card">
      <Notice tone="success">{t('staff.fileCase.done', { caseNumber: complaint.caseNumber })}</Notice>
      <Text className="zy-text">{t('staff.fileCase.awaitConfirm')}</Text>
      {complaint.missingItems.length > 0 ? (
        <View className="zy-staff-gap-top">
          <Text className="zy-staff-card__title">{t('staff.fileCase.missingTitle')}</Text>
          {complaint.missingItems.map((m) => (
            <Text key={m.code} className="zy-text zy-file-missing">{`· ${m.message}`}</Text>
          ))}
        </View>
      ) : (
        <Text className="zy-muted">{t('staff.fileCase.noMissing')}</Text>
      )}
      <View className="zy-staff-buttons zy-staff-gap-top">
        {staffCan.intake(role) ? <ActionButton onTap={() => void Taro.navigateTo({ url: staffRoutes.case(complaint.id) })}>{t('staff.fileCase.openCase')}</ActionButton> : null}
        <ActionButton kind="secondary" onTap={again}>
          {t('staff.fileCase.another')}
        </ActionButton>
      </View>
    </View>
  );
}

function FileCase({ role }: { role: StaffRole }) {
  const [who, setWho] = useState<Applicant>(EMPTY_APPLICANT);
  const [values, setValues] = useState<ComplaintValues>(STAFF_FILED);
  const [whoErrors, setWhoErrors] = useState<FieldErrors>({});
  const [errors, setErrors] = useState<ComplaintErrors>({});
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<Complaint | null>(null);
  // One key per filling: a repeated tap or a retry after a lost answer files once.
  const key = useRef(newKey());

  const setApplicant = <K extends keyof Applicant>(k: K) => (v: Applicant[K]) => {
    setWho((w) => ({ ...w, [k]: v }));
    setWhoErrors((e) => ({ ...e, [k]: undefined, form: undefined }));
  };
  const update = (patch: Partial<ComplaintValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as keyof ComplaintErrors];
      if ('amountYuan' in patch) delete next.amount;
      if ('projectRegionPath' in patch) delete next.projectRegion;
      return next;
    });
  };

  const submit = () => {
    const body = { channel: who.channel, workerName: optional(who.workerName), workerPhone: optional(who.workerPhone), oralRecord: who.oralRecord.trim(), complaint: toComplaintInput(values) };
    const checked = checkWith(StaffComplaintCreateSchema, body);
    const complaintCheck = validateComplaint(values);
    const found = checked.ok ? { applicant: {}, complaint: {} } : splitErrors(checked.errors);
    if (!optional(who.workerName)) found.applicant.workerName = t('staff.fileCase.workerNameRequired');
    // The schema's name-or-phone rule runs only when the rest parses: check the phone here too.
    if (found.applicant.workerPhone || !optional(who.workerPhone)) found.applicant.workerPhone = t('staff.fileCase.workerPhoneRequired');
    if (found.applicant.oralRecord) found.applicant.oralRecord = t('staff.fileCase.oralRecordRequired');
    const complaintErrors = complaintCheck.ok ? found.complaint : { ...found.complaint, ...complaintCheck.errors };
    setWhoErrors(found.applicant);
    setErrors(complaintErrors);
    if (Object.keys(found.applicant).length > 0 || Object.keys(complaintErrors).length > 0) return;
    setBusy(true);
    fileForWorker(body, key.current).then(
      (c) => {
        setBusy(false);
        setFiled(c);
      },
      (e: unknown) => {
        setBusy(false);
        const split = splitErrors(apiErrors(e));
        setWhoErrors(split.applicant);
        setErrors(split.complaint);
      },
    );
  };

  if (filed) {
    return (
      <Filed
        complaint={filed}
        role={role}
        again={() => {
          key.current = newKey();
          setWho(EMPTY_APPLICANT);
          setValues(STAFF_FILED);
          setFiled(null);
        }}
      />
    );
  }
  const errorCount = Object.values(whoErrors).filter(Boolean).length + Object.values(errors).filter(Boolean).length;
  return (
    <View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.fileCase.applicant')}</Text>
        <Text className="zy-muted zy-staff-gap">{t('staff.fileCase.intro')}</Text>
        <SingleChoice
          label={t('staff.fileCase.channel')}
          inline
          value={who.channel}
          onChange={setApplicant('channel')}
          options={[
            { value: 'walk_in', label: t('staff.fileCase.walkIn') },
            { value: 'phone', label: t('staff.fileCase.phone') },
          ]}
        />
        <TextField label={t('staff.fileCase.workerName')} value={who.workerName} maxlength={40} error={whoErrors.workerName} onChange={setApplicant('workerName')} />
        <TextField label={t('staff.fileCase.workerPhone')} type="number" maxlength={11} value={who.workerPhone} error={whoErrors.workerPhone} onChange={setApplicant('workerPhone')} />
        <Field label={t('staff.fileCase.oralRecord')} hint={t('staff.fileCase.oralRecordHint')} error={whoErrors.oralRecord}>
          <Textarea className="zy-input zy-textarea" value={who.oralRecord} maxlength={4000} autoHeight ariaLabel={t('staff.fileCase.oralRecord')} onInput={(e) => setApplicant('oralRecord')(e.detail.value)} />
        </Field>
      </View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.fileCase.complaint')}</Text>
        <WhoStep values={values} errors={errors} update={update} />
        <WhereStep values={values} errors={errors} update={update} />
        <MoneyStep values={values} errors={errors} update={update} />
        <WantStep values={values} errors={errors} update={update} />
      </View>
      {whoErrors.form ? <Notice tone="error">{whoErrors.form}</Notice> : null}
      {errorCount > 0 && !whoErrors.form ? <Notice tone="error">{t('staff.fileCase.fixErrors', { count: errorCount })}</Notice> : null}
      <ActionButton onTap={submit} disabled={busy}>
        {busy ? t('common.submitting') : t('staff.fileCase.submit')}
      </ActionButton>
    </View>
  );
}

/** Filing for a worker who came in or called: oral record, the complaint form's pieces, 容缺受理 with the missing items listed. */
export default function StaffFilePage() {
  return <StaffGate allow={staffCan.file}>{(role) => <FileCase role={role} />}</StaffGate>;
}
