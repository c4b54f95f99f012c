import { Text, View } from '@tarojs/components';
import {
  ETHNIC_GROUPS,
  EducationSchema,
  EmploymentStatusSchema,
  KeyGroupSchema,
  MobilitySchema,
  SkillLevelSchema,
  WorkLocationSchema,
} from '@zhuanyi/shared';
import { useState } from 'react';
import { TRADES } from '@/common/trades';
import { ActionButton } from '@/components/ActionButton';
import { Field, MultiChoice, Notice, SingleChoice, StepHeader, TextField, YesNo } from '@/components/Form';
import { t } from '@/i18n';
import { RegionPicker } from '@/features/regions/components/RegionPicker';
import { REGISTRATION_STEPS, idNumberFacts, type RegistrationErrors, type RegistrationValues } from '../registration-form';
import type { SubmitState } from '../hooks/use-registration-form';
import './RegistrationForm.scss';

interface Props {
  values: RegistrationValues;
  errors: RegistrationErrors;
  step: number;
  submit: SubmitState;
  update: (patch: Partial<RegistrationValues>) => void;
  next: () => void;
  prev: () => void;
  send: () => void;
}

const COMMON_ETHNIC = ETHNIC_GROUPS.slice(0, 8);
/** Built on each render: the labels follow the current language. */
const tradeOptions = () => TRADES.map((trade) => ({ value: trade.value, label: t(trade.labelKey), icon: t(trade.iconKey) }));

function IdentityStep({ values, errors, update }: Pick<Props, 'values' | 'errors' | 'update'>) {
  const [allEthnic, setAllEthnic] = useState(false);
  const facts = idNumberFacts(values.idNumber);
  const shown = allEthnic || (values.ethnicity !== '' && !COMMON_ETHNIC.some((e) => e === values.ethnicity)) ? ETHNIC_GROUPS : COMMON_ETHNIC;
  return (
    <View>
      <TextField label={t('register.name')} value={values.name} placeholder={t('register.namePlaceholder')} maxlength={30} error={errors.name} onChange={(name) => update({ name })} />
      <TextField
        label={t('register.idNumber')}
        type="idcard"
        value={values.idNumber}
        maxlength={18}
        placeholder={t('register.idNumberPlaceholder')}
        error={errors.idNumber}
        hint={facts ? t('register.derived', { birth: facts.birthDate, age: facts.age, sex: t(`sex.${facts.sex}`) }) : undefined}
        onChange={(idNumber) => update({ idNumber })}
      />
      <SingleChoice
        label={t('register.ethnicity')}
        inline
        value={values.ethnicity}
        error={errors.ethnicity}
        options={shown.map((e) => ({ value: e, label: e }))}
        onChange={(ethnicity) => update({ ethnicity })}
      />
      {shown === COMMON_ETHNIC ? (
        <Text className="zy-link register__more" onClick={() => setAllEthnic(true)}>
          {t('register.moreEthnic')}
        </Text>
      ) : null}
      <TextField label={t('register.phone')} type="number" value={values.phone} maxlength={11} placeholder={t('auth.phonePlaceholder')} error={errors.phone} onChange={(phone) => update({ phone })} />
      <SingleChoice
        label={t('register.education')}
        inline
        value={values.education}
        error={errors.education}
        options={EducationSchema.options.map((e) => ({ value: e, label: t(`education.${e}`) }))}
        onChange={(education) => update({ education })}
      />
    </View>
  );
}

function HomeStep({ values, errors, update }: Pick<Props, 'values' | 'errors' | 'update'>) {
  const [picking, setPicking] = useState(values.householdPath.length === 0);
  return (
    <View>
      <Field label={t('register.household')} error={errors.household}>
        {picking ? (
          <RegionPicker
            value={values.householdPath}
            deepestLevel="village"
            shallowestLevel="village"
            onChange={(householdPath) => {
              update({ householdPath });
              setPicking(false);
            }}
          />
        ) : (
          <View className="register__region">
            <Text className="register__region-name">{values.householdPath.map((r) => r.name).join(' ')}</Text>
            <ActionButton kind="secondary" onTap={() => setPicking(true)}>
              {t('common.change')}
            </ActionButton>
          </View>
        )}
      </Field>
      <TextField
        label={t('register.householdGroup')}
        value={values.householdGroup}
        maxlength={20}
        placeholder={t('register.householdGroupPlaceholder')}
        error={errors.householdGroup}
        onChange={(householdGroup) => update({ householdGroup })}
      />
    </View>
  );
}

function SituationStep({ values, errors, update }: Pick<Props, 'values' | 'errors' | 'update'>) {
  return (
    <View>
      <MultiChoice
        label={t('register.keyGroups')}
        value={values.keyGroups}
        error={errors.keyGroups}
        options={KeyGroupSchema.options.map((g) => ({ value: g, label: t(`keyGroup.${g}`) }))}
        onChange={(keyGroups) => update({ keyGroups })}
      />
      <SingleChoice
        label={t('register.mobility')}
        value={values.mobility}
        error={errors.mobility}
        options={MobilitySchema.options.map((m) => ({ value: m, label: t(`mobility.${m}`) }))}
        onChange={(mobility) => update({ mobility })}
      />
      <SingleChoice
        label={t('register.employmentStatus')}
        value={values.employmentStatus}
        error={errors.employmentStatus}
        options={EmploymentStatusSchema.options.map((s) => ({ value: s, label: t(`employmentStatus.${s}`) }))}
        onChange={(employmentStatus) => update({ employmentStatus })}
      />
      {values.employmentStatus === 'employed' ? (
        <View className="register__sub">
          <SingleChoice
            label={t('register.destinationLocation')}
            value={values.destinationLocation}
            error={errors.destination}
            options={WorkLocationSchema.options.map((l) => ({ value: l, label: t(`workLocation.${l}`) }))}
            onChange={(destinationLocation) => update({ destinationLocation })}
          />
          <TextField label={t('register.destinationEmployer')} value={values.destinationEmployer} maxlength={60} onChange={(destinationEmployer) => update({ destinationEmployer })} />
          <TextField label={t('register.destinationTrade')} value={values.destinationTrade} maxlength={20} onChange={(destinationTrade) => update({ destinationTrade })} />
          <YesNo label={t('register.organized')} value={values.organizedByGovernment} onChange={(organizedByGovernment) => update({ organizedByGovernment })} />
        </View>
      ) : null}
      <YesNo
        label={t('register.entrepreneurship')}
        value={values.entrepreneurActive}
        error={errors.entrepreneurship}
        onChange={(entrepreneurActive) => update({ entrepreneurActive })}
      />
      {values.entrepreneurActive ? (
        <TextField label={t('register.entrepreneurshipProject')} value={values.entrepreneurProject} maxlength={60} onChange={(entrepreneurProject) => update({ entrepreneurProject })} />
      ) : null}
    </View>
  );
}

function SkillsStep({ values, errors, update }: Pick<Props, 'values' | 'errors' | 'update'>) {
  return (
    <View>
      <MultiChoice label={t('register.skills')} value={values.skills} error={errors.skills} options={tradeOptions()} onChange={(skills) => update({ skills })} />
      <TextField
        label={t('register.otherTrade')}
        value={values.otherSkill}
        maxlength={40}
        placeholder={t('register.otherTradePlaceholder')}
        onChange={(otherSkill) => update({ otherSkill })}
      />
      {values.skills.length > 0 || values.otherSkill.trim() !== '' ? (
        <SingleChoice
          label={t('register.skillLevel')}
          inline
          value={values.skillLevel}
          options={SkillLevelSchema.options.map((l) => ({ value: l, label: t(`skillLevel.${l}`) }))}
          onChange={(skillLevel) => update({ skillLevel })}
        />
      ) : null}
      <TextField
        label={t('register.certificates')}
        value={values.certificates}
        maxlength={200}
        placeholder={t('register.certificatesPlaceholder')}
        error={errors.certificates}
        onChange={(certificates) => update({ certificates })}
      />
    </View>
  );
}

function WishesStep({ values, errors, update }: Pick<Props, 'values' | 'errors' | 'update'>) {
  return (
    <View>
      <YesNo label={t('register.wantsJob')} value={values.wantsJob} error={errors.wantsJob} onChange={(wantsJob) => update({ wantsJob })} />
      {values.wantsJob ? (
        <View className="register__sub">
          <MultiChoice label={t('register.jobTrades')} value={values.jobTrades} error={errors.jobTrades} options={tradeOptions()} onChange={(jobTrades) => update({ jobTrades })} />
          <MultiChoice
            label={t('register.jobLocations')}
            value={values.jobLocations}
            error={errors.jobLocations}
            options={WorkLocationSchema.options.map((l) => ({ value: l, label: t(`workLocation.${l}`) }))}
            onChange={(jobLocations) => update({ jobLocations })}
          />
          <TextField
            label={t('register.expectedPay')}
            type="digit"
            value={values.expectedPayYuan}
            maxlength={9}
            error={errors.expectedPay}
            onChange={(expectedPayYuan) => update({ expectedPayYuan })}
          />
        </View>
      ) : null}
      <YesNo label={t('register.wantsTraining')} value={values.wantsTraining} error={errors.wantsTraining} onChange={(wantsTraining) => update({ wantsTraining })} />
      {values.wantsTraining ? (
        <MultiChoice
          label={t('register.trainingTrades')}
          value={values.trainingTrades}
          error={errors.trainingTrades}
          options={tradeOptions()}
          onChange={(trainingTrades) => update({ trainingTrades })}
        />
      ) : null}
    </View>
  );
}

const STEP_VIEWS = [IdentityStep, HomeStep, SituationStep, SkillsStep, WishesStep];

/** The five short steps; the last one submits. */
export function RegistrationForm({ values, errors, step, submit, update, next, prev, send }: Props) {
  const StepView = STEP_VIEWS[step] ?? IdentityStep;
  const stepInfo = REGISTRATION_STEPS[step] ?? REGISTRATION_STEPS[0]!;
  const last = step === REGISTRATION_STEPS.length - 1;
  const errorCount = Object.keys(errors).length;
  return (
    <View className="register">
      <StepHeader step={step + 1} total={REGISTRATION_STEPS.length} title={t(`register.steps.${stepInfo.id}`)} />
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      {submit.kind === 'offline' ? <Notice tone="warn">{t('register.offline')}</Notice> : null}
      {last && errorCount > 0 && !errors.form ? <Notice tone="error">{t('register.fixErrors', { count: errorCount })}</Notice> : null}
      <StepView values={values} errors={errors} update={update} />
      <View className="zy-actions">
        {last ? (
          <ActionButton onTap={send} disabled={submit.kind === 'sending'}>
            {submit.kind === 'sending' ? t('common.submitting') : submit.kind === 'offline' ? t('register.retry') : t('common.submit')}
          </ActionButton>
        ) : (
          <ActionButton onTap={next}>{t('common.next')}</ActionButton>
        )}
        {step > 0 ? (
          <ActionButton kind="secondary" onTap={prev}>
            {t('common.prev')}
          </ActionButton>
        ) : null}
      </View>
    </View>
  );
}
