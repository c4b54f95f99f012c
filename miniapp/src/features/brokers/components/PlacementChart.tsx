import { Text, View } from '@tarojs/components';
import { t } from '@/i18n';
import { barHeights } from '../format';

/** Placements (到岗) per month as CSS bars: one column per month, the count above the bar. */
export function PlacementChart({ months }: { months: ReadonlyArray<{ month: string; count: number }> }) {
  const heights = barHeights(months.map((m) => m.count));
  const total = months.reduce((s, m) => s + m.count, 0);
  return (
    <View className="zy-broker-card" ariaLabel={t('broker.home.chart')}>
      <Text className="zy-broker-card__title">{t('broker.home.chart')}</Text>
      {total === 0 ? <Text className="zy-broker-muted">{t('broker.home.chartEmpty')}</Text> : null}
      <View className="zy-chart">
        {months.map((m, i) => (
          <View className="zy-chart__col" key={m.month}>
            {m.count > 0 ? <Text className="zy-chart__count">{m.count}</Text> : null}
            <View className="zy-chart__bar" style={{ height: `${heights[i] ?? 0}%` }} />
            <Text className="zy-chart__label">{t('broker.home.month', { month: String(Number(m.month.slice(5))) })}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
