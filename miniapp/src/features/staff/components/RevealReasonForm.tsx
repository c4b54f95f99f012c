import { View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton';
import { Notice, TextField } from '@/components/Form';
import { t } from '@/i18n';
import type { Reveal } from '../hooks/use-reveal';

/** The reason field and its buttons (confirm, cancel) of an audited reveal. */
export function RevealReasonForm<T>({ reveal, label, submitLabel, hint }: { reveal: Reveal<T>; label: string; submitLabel: string; hint?: string }) {
  return (
    <View className="zy-staff-gap-top">
      {hint ? <Notice tone="info">{hint}</Notice> : null}
      <TextField label={label} value={reveal.reason} maxlength={200} error={reveal.error ?? undefined} onChange={reveal.setReason} />
      <View className="zy-staff-buttons">
        <ActionButton onTap={reveal.submit} disabled={reveal.busy}>
          {reveal.busy ? t('common.submitting') : submitLabel}
        </ActionButton>
        <ActionButton kind="secondary" onTap={reveal.cancel}>
          {t('common.cancel')}
        </ActionButton>
      </View>
    </View>
  );
}
