import { Text, View } from '@tarojs/components';
import { ComplaintDemandSchema, EVIDENCE_MAX_FILES } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { DateField } from '@/components/DateField';
import { Field, MultiChoice, Notice, SingleChoice, StepHeader, TextField } from '@/components/Form';
import { RegionPicker } from '@/features/regions/components/RegionPicker';
import { ReadAloudButton } from '@/features/speech/components/ReadAloudButton';
import { VoiceInputButton } from '@/features/speech/components/VoiceInputButton';
import { t, tIn, type MessageKey } from '@/i18n';
import type { PickedFile } from '@/services/upload';
import { COMPLAINT_STEPS, amountFen, type ComplaintErrors, type ComplaintValues } from '../complaint-form';
import { complaintReview } from '../complaint-review';
import { ComplaintReview } from './ComplaintReview';
import type { ComplaintSubmit } from '../hooks/use-complaint-form';
import './ComplaintForm.scss';

interface StepProps {
  values: ComplaintValues;
  errors: ComplaintErrors;
  update: (patch: Partial<ComplaintValues>) => void;
}

export function WhoStep({ values, errors, update }: StepProps) {
  return (
    <View>
      <SingleChoice
        label={t('complaint.caseType')}
        value={values.caseType}
        error={errors.caseType}
        options={[
          { value: 'construction', label: t('complaint.caseTypeConstruction') },
          { value: 'non_construction', label: t('complaint.caseTypeOther') },
        ]}
        onChange={(caseType) => update({ caseType })}
      />
      <SingleChoice
        label={t('complaint.respondentKind')}
        inline
        value={values.respondentKind}
        error={errors.respondentKind}
        options={[
          { value: 'foreman', label: t('complaint.kindForeman') },
          { value: 'employer', label: t('complaint.kindEmployer') },
        ]}
        onChange={(respondentKind) => update({ respondentKind })}
      />
      <TextField
        label={t('complaint.respondentName')}
        value={values.respondentName}
        maxlength={80}
        placeholder={t('complaint.respondentNamePlaceholder')}
        error={errors.respondentName}
        onChange={(respondentName) => update({ respondentName })}
      />
      <TextField label={t('complaint.respondentPhone')} type="number" maxlength={11} value={values.respondentPhone} error={errors.respondentPhone} onChange={(respondentPhone) => update({ respondentPhone })} />
    </View>
  );
}

export function WhereStep({ values, errors, update }: StepProps) {
  const [picking, setPicking] = useState(false);
  const construction = values.caseType === 'construction';
  return (
    <View>
      {construction ? (
        <TextField label={t('complaint.projectName')} value={values.projectName} maxlength={100} error={errors.projectName} onChange={(projectName) => update({ projectName })} />
      ) : null}
      <Field label={t('complaint.projectRegion')} error={errors.projectRegion} hint={t('complaint.projectRegionHint')}>
        {picking ? (
          <RegionPicker
            value={values.projectRegionPath}
            deepestLevel="village"
            shallowestLevel="county"
            onChange={(projectRegionPath) => {
              update({ projectRegionPath });
              setPicking(false);
            }}
          />
        ) : (
          <View className="complaint__region">
            {values.projectRegionPath.length > 0 ? <Text className="zy-text">{values.projectRegionPath.map((r) => r.name).join(' ')}</Text> : null}
            <ActionButton kind="secondary" onTap={() => setPicking(true)}>
              {values.projectRegionPath.length > 0 ? t('common.change') : t('common.choose')}
            </ActionButton>
          </View>
        )}
      </Field>
      <TextField label={t('complaint.projectAddress')} value={values.projectAddress} maxlength={200} error={errors.projectAddress} onChange={(projectAddress) => update({ projectAddress })} />
      {construction ? (
        <TextField label={t('complaint.mainContractor')} value={values.mainContractor} maxlength={100} error={errors.mainContractor} onChange={(mainContractor) => update({ mainContractor })} />
      ) : null}
      <DateField label={t('complaint.workFrom')} value={values.workFrom} error={errors.workFrom} onChange={(workFrom) => update({ workFrom })} />
      <DateField label={t('complaint.workTo')} value={values.workTo} error={errors.workTo} onChange={(workTo) => update({ workTo })} />
    </View>
  );
}

export function MoneyStep({ values, errors, update }: StepProps) {
  const fen = amountFen(values);
  return (
    <View>
      <TextField
        label={t('complaint.amount')}
        type="digit"
        maxlength={16}
        value={values.amountYuan}
        placeholder={t('complaint.amountPlaceholder')}
        error={errors.amount}
        hint={typeof fen === 'number' && fen > 0 ? t('complaint.amountFen', { fen }) : undefined}
        onChange={(amountYuan) => update({ amountYuan })}
      />
      <TextField label={t('complaint.coWorkers')} type="number" maxlength={6} value={values.coWorkersOwed} error={errors.coWorkersOwed} onChange={(coWorkersOwed) => update({ coWorkersOwed })} />
      {Number(values.coWorkersOwed) >= 10 ? <Notice tone="info">{t('complaint.warning.groupCase')}</Notice> : null}
    </View>
  );
}

export function WantStep({ values, errors, update }: StepProps) {
  return (
    <View>
      <MultiChoice
        label={t('complaint.demands')}
        value={values.demands}
        error={errors.demands}
        options={ComplaintDemandSchema.options.map((d) => ({ value: d, label: t(`complaint.demandsLabel.${d}`) }))}
        onChange={(demands) => update({ demands })}
      />
      <TextField label={t('complaint.demandNote')} value={values.demandNote} maxlength={500} error={errors.demandNote} onChange={(demandNote) => update({ demandNote })} />
      <VoiceInputButton onText={(heard) => update({ demandNote: `${values.demandNote ?? ''}${heard}`.slice(0, 500) })} />
      <TextField label={t('complaint.bankCard')} type="number" maxlength={23} value={values.bankCard} error={errors.bankCard} onChange={(bankCard) => update({ bankCard })} />
      {values.bankCard.trim() !== '' ? (
        <TextField label={t('complaint.bankName')} value={values.bankName} maxlength={40} error={errors.bankName} onChange={(bankName) => update({ bankName })} />
      ) : null}
    </View>
  );
}

interface EvidenceProps {
  files: PickedFile[];
  problems: string[];
  pick: (kind: 'photo' | 'file') => void;
  remove: (path: string) => void;
}

export function EvidencePicker({ files, problems, pick, remove }: EvidenceProps) {
  const full = files.length >= EVIDENCE_MAX_FILES;
  return (
    <View>
      <Text className="zy-text">{t('complaint.evidenceHint')}</Text>
      {problems.map((p) => (
        <Notice key={p} tone="error">
          {p}
        </Notice>
      ))}
      {files.map((file) => (
        <View key={file.path} className="complaint__file">
          <Text className="complaint__file-name">{file.name}</Text>
          <Text className="zy-link complaint__file-remove" onClick={() => remove(file.path)}>
            {t('complaint.removeFile')}
          </Text>
        </View>
      ))}
      <View className="zy-actions">
        <ActionButton kind="secondary" onTap={() => pick('photo')} disabled={full}>
          {t('complaint.addPhoto')}
        </ActionButton>
        {process.env.TARO_ENV === 'weapp' ? (
          <ActionButton kind="secondary" onTap={() => pick('file')} disabled={full}>
            {t('complaint.addFile')}
          </ActionButton>
        ) : null}
      </View>
    </View>
  );
}

interface Props extends StepProps {
  step: number;
  submit: ComplaintSubmit;
  next: () => void;
  prev: () => void;
  /** The last step's button: to the review. */
  review: () => void;
  reviewing: boolean;
  edit: (step: number) => void;
  send: () => void;
  evidence: EvidenceProps;
}

const STEP_VIEWS = [WhoStep, WhereStep, MoneyStep, WantStep];

/** The questions each step asks, read aloud by 读给我听. */
const STEP_QUESTIONS: readonly (readonly MessageKey[])[] = [
  ['complaint.caseType', 'complaint.respondentKind', 'complaint.respondentName', 'complaint.respondentPhone'],
  ['complaint.projectName', 'complaint.projectRegion', 'complaint.projectAddress', 'complaint.mainContractor', 'complaint.workFrom', 'complaint.workTo'],
  ['complaint.amount', 'complaint.coWorkers'],
  ['complaint.demands', 'complaint.demandNote', 'complaint.bankCard'],
  ['complaint.evidenceHint'],
];

function questionsText(step: number, title: MessageKey, tr: (key: MessageKey) => string): string {
  return [tr(title), ...(STEP_QUESTIONS[step] ?? []).map((key) => tr(key))].join('. ');
}

/** Five short steps (only the first asks for anything required), then a review in plain words before sending. */
export function ComplaintForm({ values, errors, update, step, submit, next, prev, review, reviewing, edit, send, evidence }: Props) {
  const info = COMPLAINT_STEPS[step] ?? COMPLAINT_STEPS[0]!;
  const last = step === COMPLAINT_STEPS.length - 1;
  const StepView = STEP_VIEWS[step];
  const busy = submit.kind === 'sending' || submit.kind === 'uploading';
  if (reviewing) {
    const sendLabel =
      submit.kind === 'uploading'
        ? t('complaint.uploading', { done: submit.done + 1, total: submit.total })
        : submit.kind === 'sending'
          ? t('common.submitting')
          : submit.kind === 'offline'
            ? t('register.retry')
            : t('complaint.review.confirm');
    return (
      <ComplaintReview
        sections={complaintReview(values, evidence.files.map((f) => f.name))}
        edit={edit}
        send={send}
        sendLabel={sendLabel}
        busy={busy}
        error={errors.form}
        offline={submit.kind === 'offline'}
      />
    );
  }
  return (
    <View className="complaint">
      <StepHeader step={step + 1} total={COMPLAINT_STEPS.length} title={t(`complaint.steps.${info.id}`)} />
      <ReadAloudButton
        text={questionsText(step, `complaint.steps.${info.id}`, (key) => t(key))}
        zhText={questionsText(step, `complaint.steps.${info.id}`, (key) => tIn('zh-CN', key))}
      />
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      {StepView ? <StepView values={values} errors={errors} update={update} /> : <EvidencePicker {...evidence} />}
      <View className="zy-actions">
        {last ? <ActionButton onTap={review}>{t('complaint.review.open')}</ActionButton> : <ActionButton onTap={next}>{t('common.next')}</ActionButton>}
        {step > 0 ? (
          <ActionButton kind="secondary" onTap={prev} disabled={busy}>
            {t('common.prev')}
          </ActionButton>
        ) : null}
      </View>
    </View>
  );
}
