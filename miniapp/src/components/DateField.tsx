import { Picker, View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton';
import { Field } from '@/components/Form';
import { t } from '@/i18n';

/** A date (YYYY-MM-DD) chosen with the system date picker instead of typed; `onClear` offers to empty it. */
export function DateField({ label, value, error, hint, onChange, onClear }: { label: string; value: string; error?: string; hint?: string; onChange: (v: string) => void; onClear?: () => void }) {
  const picker = (
    <Picker className="zy-date-field__picker" mode="date" value={value} end="2100-12-31" onChange={(e) => onChange(String(e.detail.value))}>
      <View className="zy-input zy-date-field" ariaLabel={label}>
        {value || t('complaint.pickDate')}
      </View>
    </Picker>
  );
  return (
    <Field label={label} error={error} hint={hint}>
      {onClear && value ? (
        <View className="zy-inline">
          {picker}
          <ActionButton kind="secondary" onTap={onClear}>
            {t('common.clear')}
          </ActionButton>
        </View>
      ) : (
        picker
      )}
    </Field>
  );
}
