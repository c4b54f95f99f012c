import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Field } from '@/components/Form';
import { t } from '@/i18n';
import { RegionPicker } from './RegionPicker';

/**
 * A region chosen level by level (province → village) instead of a typed code: shows the chosen
 * names (or the code given at first, e.g. the staff member's county) and answers the code.
 */
export function RegionField({ label, hint, value, error, onChange }: { label: string; hint?: string; value: string; error?: string; onChange: (code: string) => void }) {
  const [picking, setPicking] = useState(false);
  const [names, setNames] = useState<string | null>(null);
  return (
    <Field label={label} error={error} hint={hint}>
      {picking ? (
        <RegionPicker
          deepestLevel="village"
          shallowestLevel="county"
          onChange={(path) => {
            const last = path[path.length - 1];
            if (last) {
              setNames(path.map((r) => r.name).join(' '));
              onChange(last.code);
            }
            setPicking(false);
          }}
        />
      ) : (
        <View className="zy-inline">
          {value ? <Text className="zy-text">{names ?? value}</Text> : null}
          <ActionButton kind="secondary" onTap={() => setPicking(true)}>
            {value ? t('common.change') : t('common.choose')}
          </ActionButton>
        </View>
      )}
    </Field>
  );
}
