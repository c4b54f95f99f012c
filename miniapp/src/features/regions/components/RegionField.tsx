import { Text, View } from '@tarojs/components';
import type { RegionLevel } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Field } from '@/components/Form';
import { regionName, t } from '@/i18n';
import { RegionPicker } from './RegionPicker';

export interface RegionFieldProps {
  label: string;
  hint?: string;
  value: string;
  error?: string;
  onChange: (code: string) => void;
  /** Levels the choice may stop at (default: county to village). */
  shallowestLevel?: RegionLevel;
  deepestLevel?: RegionLevel;
}

/**
 * A region chosen level by level (province → village) instead of a typed code: shows the chosen
 * names (or the code given at first, e.g. the staff member's county) and answers the code.
 */
export function RegionField({ label, hint, value, error, onChange, shallowestLevel = 'county', deepestLevel = 'village' }: RegionFieldProps) {
  const [picking, setPicking] = useState(false);
  // Names of the last pick, shown while the value is still that code.
  const [picked, setPicked] = useState<{ code: string; names: string } | null>(null);
  return (
    <Field label={label} error={error} hint={hint}>
      {picking ? (
        <RegionPicker
          deepestLevel={deepestLevel}
          shallowestLevel={shallowestLevel}
          onChange={(path) => {
            const last = path[path.length - 1];
            if (last) {
              setPicked({ code: last.code, names: path.map((r) => regionName(r.code, r.name)).join(' ') });
              onChange(last.code);
            }
            setPicking(false);
          }}
        />
      ) : (
        <View className="zy-inline">
          {value ? <Text className="zy-text">{picked?.code === value ? picked.names : value}</Text> : null}
          <ActionButton kind="secondary" onTap={() => setPicking(true)}>
            {value ? t('common.change') : t('common.choose')}
          </ActionButton>
        </View>
      )}
    </Field>
  );
}
