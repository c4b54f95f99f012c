import { Text, View } from '@tarojs/components';
import type { MonthlyReport } from '@zhuanyi/shared';
import { t, type AppMessageKey } from '@/i18n';
import { barHeights, formatYuan, percent, widthOf } from '../format';
import { IndicatorList } from './IndicatorList';
import './staff.scss';

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <View className="zy-figure">
      <Text className="zy-figure__value">{value}</Text>
      <Text className="zy-figure__label">{label}</Text>
    </View>
  );
}

const targetKeys = ['transfers', 'outOfRegion', 'inRegion', 'governmentOrganizedShare', 'trainings', 'passRate', 'orderBasedShare'] as const;
const shareKeys: ReadonlySet<string> = new Set(['governmentOrganizedShare', 'passRate', 'orderBasedShare']);

/** The month's figures, progress against the year's targets and a bar per month. */
export function ReportView({ report }: { report: MonthlyReport }) {
  const r = report;
  const days = (v: number | null) => (v === null ? t('staff.report.noValue') : t('staff.report.days', { days: v }));
  const heights = barHeights(r.monthly.map((m) => m.transfers));
  return (
    <View className="zy-report">
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.report.transfers')}</Text>
        <View className="zy-figures">
          <Figure label={t('staff.report.monthTotal')} value={r.transfers.month.total} />
          <Figure label={t('staff.report.outOfRegion')} value={r.transfers.month.outOfRegion} />
          <Figure label={t('staff.report.inRegion')} value={r.transfers.month.inRegion} />
          <Figure label={t('staff.report.governmentOrganized')} value={r.transfers.month.governmentOrganized} />
          <Figure label={t('staff.report.ytdTotal')} value={r.transfers.yearToDate.total} />
          <Figure label={t('staff.report.governmentShare')} value={percent(r.transfers.governmentOrganizedShare)} />
        </View>
      </View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.report.targets', { year: r.targets.year })}</Text>
        {targetKeys.map((k) => {
          const p = r.targets[k];
          const share = shareKeys.has(k);
          const actual = share ? percent(p.actual) : String(p.actual);
          const target = p.target === null ? null : share ? percent(p.target) : String(p.target);
          return (
            <View key={k} className="zy-target">
              <View className="zy-target__head">
                <Text className="zy-target__name">{t(`staff.report.target.${k}` as AppMessageKey)}</Text>
                <Text className="zy-target__value">{target === null ? `${actual} · ${t('staff.report.noTarget')}` : `${t('staff.report.targetRow', { actual, target })} · ${percent(p.ratio)}`}</Text>
              </View>
              <View className="zy-target__track">
                <View className={`zy-target__fill${(p.ratio ?? 0) >= 1 ? ' zy-target__fill--met' : ''}`} style={{ width: widthOf(Math.min(p.ratio ?? 0, 1), 1) }} />
              </View>
            </View>
          );
        })}
      </View>
      <IndicatorList report={r.indicators} />
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.report.chart')}</Text>
        <View className="zy-staff-chart">
          {r.monthly.map((m, i) => (
            <View className="zy-staff-chart__col" key={m.month}>
              {m.transfers > 0 ? <Text className="zy-staff-chart__count">{m.transfers}</Text> : null}
              <View className="zy-staff-chart__bar" style={{ height: `${heights[i] ?? 0}%` }} />
              <Text className="zy-staff-chart__label">{t('staff.report.monthShort', { month: String(Number(m.month.slice(5))) })}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.report.registrations')}</Text>
        <View className="zy-figures">
          <Figure label={t('staff.report.newRegistrations')} value={r.registrations.new} />
          <Figure label={t('staff.report.updatedRegistrations')} value={r.registrations.updated} />
          <Figure label={t('staff.report.totalRegistrations')} value={r.registrations.total} />
        </View>
      </View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.report.trainings')}</Text>
        <View className="zy-figures">
          <Figure label={t('staff.report.trained')} value={r.trainings.month.trained} />
          <Figure label={t('staff.report.passed')} value={r.trainings.month.passed} />
          <Figure label={t('staff.report.failed')} value={r.trainings.month.failed} />
          <Figure label={t('staff.report.orderBased')} value={r.trainings.month.orderBased} />
          <Figure label={t('staff.report.passRate')} value={percent(r.trainings.passRate)} />
          <Figure label={t('staff.report.orderShare')} value={percent(r.trainings.orderBasedShare)} />
        </View>
      </View>
      <View className="zy-staff-card">
        <Text className="zy-staff-card__title">{t('staff.report.complaints')}</Text>
        <View className="zy-figures">
          <Figure label={t('staff.report.received')} value={r.complaints.received} />
          <Figure label={t('staff.report.accepted')} value={r.complaints.accepted} />
          <Figure label={t('staff.report.closed')} value={r.complaints.closed} />
          <Figure label={t('staff.report.recovered')} value={t('staff.report.yuan', { amount: formatYuan(r.complaints.amountRecoveredFen) })} />
          <Figure label={t('staff.report.medianAccept')} value={days(r.complaints.medianDaysToAccept)} />
          <Figure label={t('staff.report.medianClose')} value={days(r.complaints.medianDaysToClose)} />
        </View>
      </View>
    </View>
  );
}
