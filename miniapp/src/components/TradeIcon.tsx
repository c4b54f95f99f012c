import { Text } from '@tarojs/components';
import { tradeOption } from '@/common/trades';
import { t } from '@/i18n';
import './ui.scss';

/** A one-character badge beside a trade name (焊, 面 ...), readable for people who read little. */
export function TradeIcon({ trade }: { trade: string }) {
  const option = tradeOption(trade);
  const char = option ? t(option.iconKey) : Array.from(trade)[0] ?? '';
  return (
    <Text className={`zy-trade-icon zy-trade-icon--${option?.tone ?? 'blue'}`}>
      {char}
    </Text>
  );
}
