import { Text, View } from '@tarojs/components';
import type { Complaint } from '@zhuanyi/shared';
import { Tag } from '@/components/Tag';
import { chinaDate, chinaDateTime } from '@/features/complaints/format';
import { t } from '@/i18n';
import { formatYuan } from '../format';
import './staff.scss';
import { Row } from './Row';

/** The green channel's side of a case: source, priority, procedure, mediation, referral, award, amount recovered. */
export function IntakeDetails({ complaint }: { complaint: Complaint }) {
  const i = complaint.intake;
  if (!i) return null;
  const yuan = (fen: number) => t('staff.report.yuan', { amount: formatYuan(fen) });
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{t('staff.case.details')}</Text>
      {i.priority.reasons.length > 0 ? (
        <View className="zy-inline">
          {i.priority.reasons.map((r) => (
            <Text key={r} className="zy-priority">{`★ ${t(`staff.priority.${r}`)}`}</Text>
          ))}
        </View>
      ) : null}
      <Row label={t('staff.case.channel')} value={t(`complaint.channel.${i.channel}`)} />
      {i.workerName ? <Row label={t('staff.case.worker')} value={i.workerName} /> : null}
      {i.channel !== 'online' ? <Row label={t('staff.case.oralRecord')} value={`${i.oralRecord ?? ''}（${i.workerConfirmedAt ? t('staff.case.confirmed') : t('staff.case.unconfirmed')}）`} /> : null}
      <Row
        label={t('staff.case.greenDue')}
        value={i.greenChannelMet === null ? chinaDateTime(i.greenChannelDueAt) : i.greenChannelMet ? t('staff.case.greenMet') : t('staff.case.greenMissed')}
      />
      {i.procedure ? <Row label={t('staff.case.procedure')} value={`${t(`complaint.procedure.${i.procedure}`)}${i.finalAward ? ` · ${t('staff.case.finalAward')}` : ''}`} /> : null}
      {i.hearingAt ? <Row label={t('staff.case.hearing')} value={chinaDateTime(i.hearingAt)} /> : null}
      {i.mediation ? (
        <Row
          label={t('staff.case.mediation')}
          value={i.mediation.succeeded ? t('staff.case.mediationOk', { amount: formatYuan(i.mediation.agreedAmountFen ?? 0) }) : t('staff.case.mediationFailed')}
        />
      ) : null}
      {i.referral ? (
        <Row
          label={t('staff.case.referral')}
          value={
            [
              i.referral.to === 'labor_inspection'
                ? t('staff.case.referralInspection', { accept: chinaDate(i.referral.acceptDueAt ?? i.referral.at), investigate: chinaDate(i.referral.investigateDueAt ?? i.referral.at) })
                : t(i.referral.to === 'legal_aid' ? 'staff.case.referralLegalAid' : 'staff.case.referralPolice'),
              i.referral.office ?? '',
              i.referral.answer
                ? t('staff.case.handoffAnswer', { answer: i.referral.answer })
                : i.referral.dueAt
                  ? t(i.referral.overdue ? 'staff.case.handoffOverdue' : 'staff.case.handoffDue', { date: chinaDate(i.referral.dueAt) })
                  : '',
            ]
              .filter(Boolean)
              .join(' · ')
          }
        />
      ) : null}
      {i.advanceExecution ? <Row label={t('staff.action.advance_execution')} value={yuan(i.advanceExecution.amountFen)} /> : null}
      {i.award ? <Row label={t('staff.action.award')} value={`${yuan(i.award.amountFen)}${i.award.final ? ` · ${t('staff.case.finalAward')}` : ''}`} /> : null}
      {i.extensionApproval ? <Row label={t('staff.action.extend')} value={t('staff.case.extension', { approvedBy: i.extensionApproval.approvedBy ?? '-', reason: i.extensionApproval.reason })} /> : null}
      {i.amountRecoveredFen !== null ? <Row label={t('staff.case.recovered')} value={yuan(i.amountRecoveredFen)} /> : null}
      {complaint.outcome ? (
        <View className="zy-staff-gap-top">
          <Tag label={t(`complaint.outcome.${complaint.outcome}`)} tone="success" />
        </View>
      ) : null}
    </View>
  );
}
