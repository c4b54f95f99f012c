import { Text, View } from '@tarojs/components';
import type { Complaint } from '@zhuanyi/shared';
import { chinaDateTime } from '@/features/complaints/format';
import { t } from '@/i18n';
import { revealComplainantPhone } from '../api/staff-api';
import { formatYuan } from '../format';
import { PhoneReveal } from './PhoneReveal';
import './staff.scss';
import { Row } from './Row';

/** Who complains: name, phone (masked, audited reveal, call), ID masked, age and key-group flags. */
export function ComplainantCard({ complaint }: { complaint: Complaint }) {
  const p = complaint.intake?.complainant;
  if (!p) return null;
  const unknown = t('staff.case.unknown');
  const flags = [...(p.olderWorker ? [t('staff.case.olderWorker')] : []), ...p.keyGroups.map((g) => t(`keyGroup.${g}`))];
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{t('staff.case.complainant')}</Text>
      <Row label={t('staff.case.name')} value={p.name ?? unknown} />
      <View className="zy-row">
        <Text className="zy-row__label">{t('staff.case.phone')}</Text>
        <PhoneReveal masked={p.phoneMasked} reveal={async (reason) => (await revealComplainantPhone(complaint.id, reason)).phone} />
      </View>
      <Row label={t('staff.case.idNumber')} value={p.idMasked ?? unknown} />
      <Row label={t('staff.case.age')} value={p.age === null ? unknown : t('staff.case.ageValue', { age: p.age })} />
      {p.householdRegionName ? <Row label={t('staff.case.household')} value={p.householdRegionName} /> : null}
      {flags.length > 0 ? (
        <View className="zy-inline">
          {flags.map((f) => (
            <Text key={f} className="zy-priority">{`★ ${f}`}</Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** What happened: who owes, the project and place, when, how much, how many, and the worker's own words. */
export function CaseFacts({ complaint: c }: { complaint: Complaint }) {
  const unknown = t('staff.case.unknown');
  const period = c.workPeriod.from || c.workPeriod.to ? t('staff.case.workPeriodValue', { from: c.workPeriod.from ?? unknown, to: c.workPeriod.to ?? unknown }) : unknown;
  const i = c.intake;
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{t('staff.case.facts')}</Text>
      <Row label={t('staff.case.respondent')} value={`${c.respondent.name}（${t(`staff.case.respondentKind.${c.respondent.kind}`)}）${c.respondent.phoneMasked ? ` ${c.respondent.phoneMasked}` : ''}`} />
      <Row label={t('staff.case.mainContractor')} value={c.mainContractor ?? unknown} />
      <Row label={t('staff.case.project')} value={c.project.name ?? unknown} />
      <Row label={t('staff.case.address')} value={[c.project.regionName, c.project.address].filter(Boolean).join(' ') || unknown} />
      <Row label={t('staff.case.workPeriod')} value={period} />
      <Row label={t('staff.case.amountOwed')} value={c.amountOwedFen === null ? unknown : t('staff.report.yuan', { amount: formatYuan(c.amountOwedFen) })} />
      <Row label={t('staff.case.coWorkers')} value={t('staff.case.coWorkersValue', { count: c.coWorkersOwed })} />
      <Row label={t('staff.case.demands')} value={c.demands.map((d) => t(`complaint.demandsLabel.${d}`)).join('、')} />
      <Row label={t('staff.case.words')} value={c.demandNote ?? unknown} />
      <Row label={t('staff.case.jurisdiction')} value={c.jurisdiction.office ?? unknown} />
      {i?.homeRegionName ? <Text className="zy-muted">{t('staff.case.home', { region: i.homeRegionName })}</Text> : null}
      {i?.transfers.map((x) => (
        <Text key={x.at} className="zy-muted">
          {t('staff.case.transfer', { from: x.fromRegionName ?? '-', to: x.toRegionName ?? x.toRegionCode, reason: x.reason, at: chinaDateTime(x.at) })}
        </Text>
      ))}
    </View>
  );
}
