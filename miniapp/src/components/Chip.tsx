import { View } from '@tarojs/components';
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
      ariaSelected={selected}
    >
      {label}
    </View>
  );
}
