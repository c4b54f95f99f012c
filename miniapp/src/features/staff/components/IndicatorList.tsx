import { Text, View } from '@tarojs/components';
import type { IndicatorReport } from '@zhuanyi/shared';
import { t } from '@/i18n';
import { percent } from '../format';
import './staff.scss';

/** Each indicator against its target with its definition beside it, then the townships and villages. */
export function IndicatorList({ report }: { report: IndicatorReport }) {
  const shown = (v: number | null, share: boolean) => (v === null ? '' : share ? percent(v) : String(v));
  return (
    <View className="zy-staff-card" data-testid="indicators">
      <Text className="zy-staff-card__title">{t('indicator.sheet')}</Text>
      {report.indicators.map((i) => (
        <View key={i.key} className="zy-target">
          <View className="zy-target__head">
            <Text className="zy-target__name">{i.name}</Text>
            <Text className="zy-target__value">
              {i.target === null ? shown(i.actual, i.unit === 'share') : `${shown(i.actual, i.unit === 'share')} / ${shown(i.target, i.unit === 'share')} · ${percent(i.ratio)}`}
            </Text>
          </View>
          <Text className="zy-muted">{i.definition}</Text>
        </View>
      ))}
      <Text className="zy-staff-card__title">{t('indicator.byArea')}</Text>
      {report.areas.map((a) => (
        <View key={a.regionCode} className="zy-target__head" data-testid={`area-${a.regionCode}`}>
          <Text className={a.level === 'township' ? 'zy-target__name' : 'zy-muted'}>{a.regionName}</Text>
          <Text className="zy-target__value">{`${a.transferredStock} · ${a.outOfRegion} / ${a.inRegion}`}</Text>
        </View>
      ))}
    </View>
  );
}
