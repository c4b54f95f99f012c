import { Text, View } from '@tarojs/components';
import { ComplaintStatuses, type Complaint, type LocaleCode } from '@zhuanyi/shared';
import { Notice } from '@/components/Form';
import { Tag } from '@/components/Tag';
import { formatYuan } from '@/features/jobs/format';
import { ReadAloudButton } from '@/features/speech/components/ReadAloudButton';
import { getLocale, labelled, t, tIn } from '@/i18n';
import { caseOfficeText, chinaDate, chinaDateTime, clockStateText, complaintWarningText, timelineNoteText, timelineSteps } from '../format';
import './CaseView.scss';

/** What is still missing, in one list (容缺受理: the case is filed all the same); with onAdd, each item has a 补上 button. */
export function MissingItems({ complaint, onAdd }: { complaint: Complaint; onAdd?: (code: Complaint['missingItems'][number]['code']) => void }) {
  if (complaint.missingItems.length === 0) return <Notice tone="success">{t('complaint.noMissing')}</Notice>;
  return (
    <View className="case__missing">
      <Text className="case__missing-title">{t('complaint.missingTitle')}</Text>
      {complaint.missingItems.map((item, i) => (
        <View key={item.code} className="case__missing-row">
          <Text className="case__missing-item">{`${i + 1}. ${t(`complaint.missing.${item.code}`)}`}</Text>
          {onAdd ? (
            <Text className="zy-link case__missing-add" onClick={() => onAdd(item.code)}>
              {t('complaint.supplement.add')}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

/** Which office handles the case; after a transfer, where it went and that the clocks still run from the first receipt. */
export function Jurisdiction({ complaint }: { complaint: Complaint }) {
  const j = complaint.jurisdiction;
  const office = caseOfficeText(j);
  if (!office) return null;
  if (j.needsJurisdiction) return <Notice tone="info">{`${t('complaint.needsJurisdiction')} · ${t('complaint.handledBy', { office })}`}</Notice>;
  if (j.transferred)
    return (
      <Notice tone="info">
        <Text className="case__notice-line">{t('complaint.transferredTo', { office })}</Text>
        <Text className="case__notice-line">{t('complaint.clocksKept')}</Text>
      </Notice>
    );
  return <Text className="zy-text case__office">{t('complaint.handledBy', { office })}</Text>;
}

/** Case number, the timeline and the statutory clocks. */
export function CaseView({ complaint, onAddMissing }: { complaint: Complaint; onAddMissing?: (code: Complaint['missingItems'][number]['code']) => void }) {
  const reached = new Set(complaint.timeline.map((e) => e.status));
  const timelineText = (locale: LocaleCode) =>
    [
      tIn(locale, 'complaint.timeline'),
      ...complaint.timeline.map((e) => [tIn(locale, `complaint.status.${e.status}`), chinaDateTime(e.at, locale), timelineNoteText(e, locale) ?? ''].join(' ')),
    ].join('. ');
  // Statuses still ahead (the usual path), shown greyed after the real entries.
  const ahead = complaint.status === 'rejected' || complaint.status === 'closed' ? [] : ComplaintStatuses.filter((s) => s !== 'rejected' && !reached.has(s));
  return (
    <View className="case">
      <View className="zy-card">
        <Text className="zy-muted">{t('complaint.caseNumber')}</Text>
        <Text className="case__number">{complaint.caseNumber}</Text>
        <View>
          <Tag label={t(`complaint.status.${complaint.status}`)} tone={complaint.status === 'rejected' ? 'warn' : 'info'} />
          {complaint.groupCase ? <Tag label={t('complaint.groupCase')} tone="public" /> : null}
          <Tag label={t(`complaint.caseType.${complaint.caseType}`)} />
        </View>
        <Text className="zy-text">{labelled(t('complaint.respondent'), complaint.respondent.name)}</Text>
        {complaint.amountOwedFen !== null ? <Text className="zy-text">{labelled(t('complaint.amountOwed'), `${formatYuan(complaint.amountOwedFen)} ${t('common.yuan')}`)}</Text> : null}
        <Text className="zy-muted">{t('complaint.evidenceCount', { count: complaint.evidence.length })}</Text>
        <Jurisdiction complaint={complaint} />
      </View>

      {complaint.warnings.map((w) => (
        <Notice key={w.code} tone="warn">
          {complaintWarningText(w.code)}
        </Notice>
      ))}

      <View className="zy-card">
        <Text className="case__heading">{t('complaint.timeline')}</Text>
        <ReadAloudButton text={timelineText(getLocale())} zhText={timelineText('zh-CN')} />
        {timelineSteps(complaint.timeline).map((step, i) => (
          <View key={`${step.status}-${i}`} className="case__step case__step--done">
            <View className="case__dot" />
            <View className="case__step-body">
              <Text className="case__step-title">{t(`complaint.status.${step.status}`)}</Text>
              {step.entries.map((entry, j) => (
                <View key={`${entry.at}-${j}`}>
                  <Text className="zy-muted">{chinaDateTime(entry.at)}</Text>
                  {timelineNoteText(entry) ? <Text className="zy-text">{timelineNoteText(entry)}</Text> : null}
                </View>
              ))}
            </View>
          </View>
        ))}
        {ahead.map((status) => (
          <View key={status} className="case__step">
            <View className="case__dot" />
            <View className="case__step-body">
              <Text className="case__step-title case__step-title--ahead">{t(`complaint.status.${status}`)}</Text>
            </View>
          </View>
        ))}
        {complaint.rejectionReason ? <Text className="zy-text">{t('complaint.reason', { reason: complaint.rejectionReason })}</Text> : null}
        {complaint.outcome ? <Tag label={t(`complaint.outcome.${complaint.outcome}`)} tone="success" /> : null}
      </View>

      <View className="zy-card">
        <Text className="case__heading">{t('complaint.clocks')}</Text>
        {complaint.clocks.map((clock) => (
          <View key={clock.kind} className={`case__clock case__clock--${clock.state}`}>
            <Text className="case__clock-title">{clock.kind === 'acceptance' ? t('complaint.clockAcceptance') : t('complaint.clockAward')}</Text>
            <Text className="zy-text">{`${t('complaint.dueOn', { date: chinaDate(clock.dueAt) })} · ${clockStateText(clock)}`}</Text>
            {clock.extensionDays > 0 ? <Text className="zy-muted">{t('complaint.extended', { days: clock.extensionDays })}</Text> : null}
          </View>
        ))}
      </View>

      <MissingItems complaint={complaint} onAdd={onAddMissing} />
    </View>
  );
}
