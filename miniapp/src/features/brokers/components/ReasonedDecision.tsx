import { Textarea, View } from '@tarojs/components';
import { t as sharedT } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Field, Notice } from '@/components/Form';
import { errorText } from '@/services/error-text';
import { ApiError } from '@/services/errors';

export interface DecisionOption<A extends string> {
  action: A;
  label: string;
  kind?: 'primary' | 'secondary';
}

/**
 * A required reason and one button per action (certify / suspend / approve / reject …).
 * The reason is checked here with the shared rule (at least 2 characters) and again by the BFF.
 */
export function ReasonedDecision<A extends string>({
  label,
  placeholder,
  options,
  decide,
}: {
  label: string;
  placeholder: string;
  options: ReadonlyArray<DecisionOption<A>>;
  decide: (action: A, reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = (action: A) => {
    if (busy) return;
    if (reason.trim().length < 2) {
      setError(sharedT('validation.reasonRequired'));
      return;
    }
    setBusy(true);
    setFailure(null);
    decide(action, reason.trim()).then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        if (e instanceof ApiError && e.fields.reason) setError(e.fields.reason);
        else setFailure(errorText(e));
      },
    );
  };

  return (
    <View>
      <Field label={label} error={error ?? undefined}>
        <Textarea
          className="zy-input zy-textarea"
          value={reason}
          maxlength={200}
          autoHeight
          placeholder={placeholder}
          ariaLabel={label}
          onInput={(e) => {
            setReason(e.detail.value);
            setError(null);
          }}
        />
      </Field>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <View className="zy-staff-buttons">
        {options.map((o) => (
          <ActionButton key={o.action} kind={o.kind ?? 'primary'} disabled={busy} onTap={() => run(o.action)}>
            {o.label}
          </ActionButton>
        ))}
      </View>
    </View>
  );
}
