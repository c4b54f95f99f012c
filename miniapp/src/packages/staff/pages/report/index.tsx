import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { downloadReport, getMonthlyReport } from '@/features/staff/api/staff-api';
import { ReportView } from '@/features/staff/components/ReportView';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { beijingMonth, monthLabel, shiftMonth } from '@/features/staff/format';
import { staffCan } from '@/features/staff/hooks/use-staff-session';

function Report() {
  const thisMonth = beijingMonth(new Date());
  const [month, setMonth] = useState(thisMonth);
  const { state, reload } = useAsync(() => getMonthlyReport(month), month);
  const [downloading, setDownloading] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = () => {
    setDownloading(true);
    setFailed(false);
    downloadReport(month).then(
      () => setDownloading(false),
      () => {
        setDownloading(false);
        setFailed(true);
      },
    );
  };
  return (
    <View>
      <View className="zy-month-bar">
        <View className="zy-month-bar__button" ariaRole="button" onClick={() => setMonth(shiftMonth(month, -1))}>
          {t('staff.report.prev')}
        </View>
        <Text className="zy-month-bar__title">{monthLabel(month)}</Text>
        {month < thisMonth ? (
          <View className="zy-month-bar__button" ariaRole="button" onClick={() => setMonth(shiftMonth(month, 1))}>
            {t('staff.report.next')}
          </View>
        ) : (
          <View />
        )}
      </View>
      {state.status === 'ready' ? <Text className="zy-muted zy-staff-gap">{state.data.regionName}</Text> : null}
      <View className="zy-staff-gap">
        <ActionButton kind="secondary" onTap={download} disabled={downloading}>
          {downloading ? t('staff.report.downloading') : t('staff.report.download')}
        </ActionButton>
      </View>
      {failed ? <Notice tone="error">{t('staff.report.downloadFailed')}</Notice> : null}
      {state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {state.status === 'error' ? <StatusView kind="error" title={t('staff.report.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /> : null}
      {state.status === 'ready' ? <ReportView report={state.data} /> : null}
    </View>
  );
}

/** Monthly report: figures against the year's targets, a chart, and the xlsx. */
export default function StaffReportPage() {
  return <StaffGate allow={staffCan.registry}>{() => <Report />}</StaffGate>;
}
