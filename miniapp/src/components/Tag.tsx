import { Text } from '@tarojs/components';
import './ui.scss';

export type TagTone = 'success' | 'neutral' | 'warn' | 'public' | 'info';

/** A short label on a card, e.g. 包吃住 or 已认证. */
export function Tag({ label, tone = 'neutral' }: { label: string; tone?: TagTone }) {
  return <Text className={`zy-tag zy-tag--${tone}`}>{label}</Text>;
}
