import { View } from '@tarojs/components';
import { t } from '@/i18n';
import './ui.scss';

interface ChipProps {
  label: string;
  selected: boolean;
  onTap: () => void;
}

/** A selectable filter option. */
export function Chip({ label, selected, onTap }: ChipProps) {
  return (
    <View
      className={selected ? 'zy-chip zy-chip--selected' : 'zy-chip'}
      onClick={onTap}
      ariaRole="button"
      ariaLabel={selected ? `${label} ${t('common.selected')}` : label}
    >
      {label}
    </View>
  );
}
