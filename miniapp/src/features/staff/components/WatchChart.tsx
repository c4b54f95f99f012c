import { Text, View } from '@tarojs/components';
import { WatchColors, type WatchCounts } from '@zhuanyi/shared';
import { t } from '@/i18n';
import { villageRows, widthOf } from '../format';
import './staff.scss';

/** Four-color totals, then one stacked CSS bar per village (scaled to the largest village). */
export function WatchChart({ counts }: { counts: WatchCounts }) {
  const { rows, max } = villageRows(counts);
  const r = counts.rules;
  return (
    <View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.watch.totals')}</Text>
        <View className="zy-watch-totals">
          {WatchColors.map((c) => (
            <View key={c} className={`zy-watch-total zy-watch-total--${c}`}>
              <Text className="zy-watch-total__label">{t(`watch.color.${c}`)}</Text>
              <Text className="zy-watch-total__value">{t('staff.watch.people', { count: counts.totals[c] })}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.watch.byVillage')}</Text>
        {rows.length === 0 ? <Text className="zy-muted">{t('staff.watch.empty')}</Text> : null}
        {rows.map((v) => (
          <View key={v.regionCode} className="zy-watch-row">
            <View className="zy-watch-row__head">
              <Text className="zy-watch-row__name">{v.regionName}</Text>
              <Text className="zy-muted">{`${v.red} / ${v.orange} / ${v.yellow} / ${v.green}`}</Text>
            </View>
            <View className="zy-watch-bar" style={{ width: widthOf(v.total, max) }} ariaLabel={`${v.regionName} ${WatchColors.map((c) => `${t(`watch.color.${c}`)} ${v[c]}`).join(', ')}`}>
              {WatchColors.map((c) => (v[c] > 0 ? <View key={c} className={`zy-watch-bar__part zy-watch-bar__part--${c}`} style={{ width: widthOf(v[c], v.total) }} /> : null))}
            </View>
          </View>
        ))}
        <View className="zy-watch-legend">
          {WatchColors.map((c) => (
            <View key={c} className="zy-watch-legend__item">
              <View className={`zy-watch-legend__swatch zy-watch-bar__part--${c}`} />
              <Text className="zy-muted">{t(`watch.color.${c}`)}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.watch.rulesTitle')}</Text>
        <Text className="zy-text">{t('staff.watch.ruleRed', { keyGroup: r.redNeedsKeyGroup ? t('staff.watch.ruleRedKeyGroup') : t('staff.watch.ruleRedAnyone'), months: r.redUnemployedMonths })}</Text>
        <Text className="zy-text">{t('staff.watch.ruleOrange', { months: r.redUnemployedMonths, days: r.orangeJobEndedDays })}</Text>
        <Text className="zy-text">{t('staff.watch.ruleYellow', { days: r.yellowPostEndingDays, months: r.stableTenureMonths })}</Text>
        <Text className="zy-text">{t('staff.watch.ruleGreen', { months: r.stableTenureMonths })}</Text>
      </View>
    </View>
  );
}
