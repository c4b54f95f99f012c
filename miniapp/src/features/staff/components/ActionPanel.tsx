import { Text, Textarea, View } from '@tarojs/components';
import type { Complaint } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Chip } from '@/components/Chip';
import { Field, Notice, SingleChoice, TextField, YesNo } from '@/components/Form';
import { RegionPicker } from '@/features/regions/components/RegionPicker';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { ApiError } from '@/services/errors';
import { availableActions, buildAction, closeOutcomes, emptyActionValues, type ActionErrors, type ActionKind, type ActionValues } from '../action-forms';
import { actOnCase } from '../api/staff-api';
import './staff.scss';

function TextArea({ label, value, onChange, error, hint }: { label: string; value: string; onChange: (v: string) => void; error?: string; hint?: string }) {
  return (
    <Field label={label} error={error} hint={hint}>
      <Textarea className="zy-input zy-textarea" value={value} maxlength={2000} autoHeight ariaLabel={label} onInput={(e) => onChange(e.detail.value)} />
    </Field>
  );
}

/** The intake steps open to this case, each with the fields it requires. */
export function ActionPanel({ complaint, onDone }: { complaint: Complaint; onDone: (updated: Complaint, kind: ActionKind) => void }) {
  const actions = availableActions(complaint);
  const [kind, setKind] = useState<ActionKind | null>(null);
  const [values, setValues] = useState<ActionValues>(emptyActionValues);
  const [errors, setErrors] = useState<ActionErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Editing a field clears its error.
  const set = <K extends keyof ActionValues>(key: K) => (value: ActionValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const err = (key: keyof ActionValues) => {
    const k = errors[key];
    return k ? t(k) : undefined;
  };

  // The home county follows the case read-only.
  if (complaint.intake?.access === 'read') return <Notice tone="info">{t('staff.case.readOnly', { office: complaint.jurisdiction.office ?? '-' })}</Notice>;
  if (actions.length === 0) return <Notice tone="info">{t('staff.case.noActions')}</Notice>;
  const current = kind && actions.includes(kind) ? kind : null;

  const submit = () => {
    if (!current) return;
    const built = buildAction(current, values);
    setErrors(built.errors);
    setFailure(null);
    if (!built.action) return;
    setBusy(true);
    actOnCase(complaint.id, built.action).then(
      (updated) => {
        setBusy(false);
        setKind(null);
        setValues(emptyActionValues());
        onDone(updated, current);
      },
      (e: unknown) => {
        setBusy(false);
        if (e instanceof ApiError && Object.keys(e.fields).length > 0) setFailure(Object.values(e.fields).join('；'));
        else setFailure(errorText(e));
      },
    );
  };

  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{t('staff.case.actionsTitle')}</Text>
      <Text className="zy-muted zy-staff-gap">{t('staff.case.chooseAction')}</Text>
      <View className="zy-inline">
        {actions.map((a) => (
          <Chip key={a} label={t(`staff.action.${a}`)} selected={current === a} onTap={() => { setKind(a); setErrors({}); setFailure(null); }} />
        ))}
      </View>
      {current ? (
        <View className="zy-action-form">
          {current === 'transfer' ? (
            <Field label={t('staff.form.transferTo')} error={err('transferTo')}>
              <RegionPicker value={values.transferTo} deepestLevel="county" shallowestLevel="county" onChange={set('transferTo')} />
            </Field>
          ) : null}
          {current === 'reject' || current === 'inspection_extend' || current === 'extend' || current === 'transfer' ? (
            <TextArea label={t('staff.form.reason')} value={values.reason} onChange={set('reason')} error={err('reason')} />
          ) : null}
          {current === 'mediation_result' ? (
            <>
              <TextArea label={t('staff.form.record')} value={values.record} onChange={set('record')} error={err('record')} />
              <YesNo label={t('staff.form.succeeded')} value={values.succeeded} onChange={set('succeeded')} error={err('succeeded')} />
              {values.succeeded ? (
                <>
                  <TextArea label={t('staff.form.agreement')} value={values.agreement} onChange={set('agreement')} error={err('agreement')} />
                  <TextField label={`${t('staff.form.agreedAmount')}${t('staff.form.optional')}`} type="digit" value={values.agreedAmount} onChange={set('agreedAmount')} error={err('agreedAmount')} />
                </>
              ) : null}
            </>
          ) : null}
          {current === 'refer' ? (
            <SingleChoice
              label={t('staff.form.referTo')}
              inline
              value={values.referTo}
              onChange={set('referTo')}
              error={err('referTo')}
              options={[
                { value: 'labor_inspection', label: t('staff.form.referInspection') },
                { value: 'legal_aid', label: t('staff.form.referLegalAid') },
                { value: 'public_security', label: t('staff.form.referPolice') },
              ]}
            />
          ) : null}
          {current === 'refer' ? (
            <>
              <TextField label={`${t('staff.form.office')}${t('staff.form.optional')}`} value={values.office} onChange={set('office')} maxlength={100} />
              <TextField label={`${t('staff.form.dueDate')}${t('staff.form.optional')}`} hint={t('staff.form.dueDateHint')} value={values.dueDate} onChange={set('dueDate')} error={err('dueDate')} maxlength={10} />
            </>
          ) : null}
          {current === 'handoff_answer' ? (
            <TextArea label={t('staff.form.answer')} value={values.answer} onChange={set('answer')} error={err('answer')} />
          ) : null}
          {current === 'arbitrate' || current === 'hearing' ? (
            <TextField
              label={current === 'arbitrate' ? `${t('staff.form.hearingAt')}${t('staff.form.optional')}` : t('staff.form.hearingAt')}
              hint={t('staff.form.hearingHint')}
              value={values.hearingAt}
              onChange={set('hearingAt')}
              error={err('hearingAt')}
            />
          ) : null}
          {current === 'advance_execution' || current === 'award' ? (
            <TextField label={t('staff.form.amount')} type="digit" value={values.amount} onChange={set('amount')} error={err('amount')} />
          ) : null}
          {current === 'award' ? <TextArea label={t('staff.form.summary')} value={values.summary} onChange={set('summary')} error={err('summary')} /> : null}
          {current === 'extend' ? (
            <>
              <TextField label={t('staff.form.days')} type="number" value={values.days} onChange={set('days')} error={err('days')} maxlength={2} />
              <TextField label={t('staff.form.approvedBy')} value={values.approvedBy} onChange={set('approvedBy')} error={err('approvedBy')} maxlength={40} />
            </>
          ) : null}
          {current === 'close' ? (
            <>
              <SingleChoice
                label={t('staff.form.outcome')}
                inline
                value={values.outcome}
                onChange={set('outcome')}
                error={err('outcome')}
                options={closeOutcomes.map((o) => ({ value: o, label: t(`complaint.outcome.${o}`) }))}
              />
              <TextField label={t('staff.form.amountRecovered')} type="digit" value={values.amountRecovered} onChange={set('amountRecovered')} error={err('amountRecovered')} />
            </>
          ) : null}
          {current === 'refer' || current === 'advance_execution' || current === 'close' ? (
            <TextArea label={`${t('staff.form.note')}${t('staff.form.optional')}`} value={values.note} onChange={set('note')} />
          ) : null}
          {failure ? <Notice tone="error">{failure}</Notice> : null}
          <ActionButton onTap={submit} disabled={busy}>
            {busy ? t('common.submitting') : t('staff.case.submitAction', { action: t(`staff.action.${current}`) })}
          </ActionButton>
        </View>
      ) : null}
    </View>
  );
}
