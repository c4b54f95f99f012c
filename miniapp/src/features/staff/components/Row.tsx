import { Text, View } from '@tarojs/components';
import './staff.scss';

/** One "label: value" line of a staff detail card. */
export function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="zy-row">
      <Text className="zy-row__label">{label}</Text>
      <Text className="zy-row__value">{value}</Text>
    </View>
  );
}
