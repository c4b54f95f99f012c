import { Input, Text, View } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';
import { t } from '@/i18n';
import { fieldErrorAppeared } from '@/services/first-error';
import './form.scss';

interface FieldProps {
  label: string;
  /** Plain Chinese problem shown right under the field. */
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** A labelled field with its error next to it; a newly shown error is scrolled to and announced if it is the first. */
export function Field({ label, error, hint, children }: FieldProps) {
  useEffect(() => {
    if (error) fieldErrorAppeared(error);
  }, [error]);
  return (
    <View className={error ? 'zy-field zy-field--error' : 'zy-field'}>
      <Text className="zy-field__label">{label}</Text>
      {children}
      {hint ? <Text className="zy-field__hint">{hint}</Text> : null}
      {error ? (
        <View className="zy-field__error" ariaRole="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

type InputType = 'text' | 'number' | 'idcard' | 'digit';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  type?: InputType;
  maxlength?: number;
}

/** One-line text input with label and error. `idcard` falls back to text outside WeChat. */
export function TextField({ label, value, onChange, error, hint, placeholder, type = 'text', maxlength = 140 }: TextFieldProps) {
  const inputType = type === 'idcard' && process.env.TARO_ENV !== 'weapp' ? 'text' : type;
  return (
    <Field label={label} error={error} hint={hint}>
      <Input
        className="zy-input"
        type={inputType}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        ariaLabel={label}
        onInput={(event) => onChange(event.detail.value)}
      />
    </Field>
  );
}

interface ChoicesProps<V extends string> {
  label: string;
  options: ReadonlyArray<{ value: V; label: string; icon?: string }>;
  error?: string;
  hint?: string;
}

/** Single choice as a column of large buttons. */
export function SingleChoice<V extends string>({
  label,
  options,
  value,
  onChange,
  error,
  hint,
  inline = false,
}: ChoicesProps<V> & { value: V | null | undefined; onChange: (value: V) => void; inline?: boolean }) {
  return (
    <Field label={label} error={error} hint={hint}>
      <View className={inline ? 'zy-choices zy-choices--inline' : 'zy-choices'} ariaRole="radiogroup">
        {options.map((option) => (
          <View
            key={option.value}
            className={option.value === value ? 'zy-choice zy-choice--on' : 'zy-choice'}
            ariaRole="radio"
            ariaLabel={option.value === value ? `${option.label} ${t('common.selected')}` : option.label}
            onClick={() => onChange(option.value)}
          >
            {option.icon ? <Text className="zy-choice__icon">{option.icon}</Text> : null}
            <Text>{option.label}</Text>
          </View>
        ))}
      </View>
    </Field>
  );
}

/** Several choices; tapping toggles. */
export function MultiChoice<V extends string>({
  label,
  options,
  value,
  onChange,
  error,
  hint,
}: ChoicesProps<V> & { value: readonly V[]; onChange: (value: V[]) => void }) {
  const toggle = (v: V) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  return (
    <Field label={label} error={error} hint={hint}>
      <View className="zy-choices zy-choices--inline" ariaRole="group">
        {options.map((option) => {
          const on = value.includes(option.value);
          return (
            <View
              key={option.value}
              className={on ? 'zy-choice zy-choice--on' : 'zy-choice'}
              ariaRole="checkbox"
              ariaLabel={on ? `${option.label} ${t('common.selected')}` : option.label}
              onClick={() => toggle(option.value)}
            >
              {option.icon ? <Text className="zy-choice__icon">{option.icon}</Text> : null}
              <Text>{option.label}</Text>
            </View>
          );
        })}
      </View>
    </Field>
  );
}

/** Yes / no as two large buttons. */
export function YesNo({ label, value, onChange, error }: { label: string; value: boolean | null; onChange: (v: boolean) => void; error?: string }) {
  return (
    <SingleChoice
      label={label}
      inline
      error={error}
      value={value === null ? null : value ? 'yes' : 'no'}
      onChange={(v) => onChange(v === 'yes')}
      options={[
        { value: 'yes', label: t('common.yes') },
        { value: 'no', label: t('common.no') },
      ]}
    />
  );
}

/** A message box: info, warning (non-blocking) or error. */
export function Notice({ tone, children }: { tone: 'info' | 'warn' | 'error' | 'success'; children: ReactNode }) {
  return (
    <View className={`zy-notice zy-notice--${tone}`} ariaRole={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </View>
  );
}

/** Step header: 第 2 步，共 5 步 + title. */
export function StepHeader({ step, total, title }: { step: number; total: number; title: string }) {
  return (
    <View className="zy-step">
      <Text className="zy-step__count">{t('common.stepOf', { step, total })}</Text>
      <Text className="zy-step__title">{title}</Text>
      <View className="zy-step__bar">
        <View className="zy-step__fill" style={{ width: `${Math.round((step / total) * 100)}%` }} />
      </View>
    </View>
  );
}
