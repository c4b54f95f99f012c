import { Picker, View } from '@tarojs/components';
import { Field } from '@/components/Form';
import { t } from '@/i18n';

/** A date (YYYY-MM-DD) chosen with the system date picker instead of typed. */
export function DateField({ label, value, error, hint, onChange }: { label: string; value: string; error?: string; hint?: string; onChange: (v: string) => void }) {
  return (
    <Field label={label} error={error} hint={hint}>
      <Picker mode="date" value={value} end="2100-12-31" onChange={(e) => onChange(String(e.detail.value))}>
        <View className="zy-input zy-date-field" ariaLabel={label}>
          {value || t('complaint.pickDate')}
        </View>
      </Picker>
    </Field>
  );
}
