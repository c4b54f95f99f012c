import { Text, View } from '@tarojs/components';
import type { JobReportAction, StaffJobReport } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, TextField } from '@/components/Form';
import { chinaDateTime } from '@/features/complaints/format';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { Row } from './Row';
import './staff.scss';

const ACTIONS: readonly JobReportAction['action'][] = ['take_down', 'warn_employer', 'dismiss'];

/** One report: the job, why, the worker's words; open ones take an action with a reason. */
export function JobReportCard({ report: r, act }: { report: StaffJobReport; act: (body: JobReportAction) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: JobReportAction['action']) => {
    setBusy(true);
    setError(null);
    try {
      await act({ action, reason });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="zy-staff-card" data-testid="job-report">
      <Text className="zy-staff-card__title">{r.jobTitle}</Text>
      <Row label={t('staff.jobReports.employer')} value={r.employerName} />
      <Row label={t('staff.jobReports.region')} value={r.regionName ?? r.regionCode} />
      <Row label={t('staff.jobReports.reason')} value={t(`job.report.${r.reason}`)} />
      {r.note ? <Row label={t('staff.jobReports.note')} value={r.note} /> : null}
      <Row label={t('staff.jobReports.at')} value={chinaDateTime(r.createdAt)} />
      <Row label={t('staff.jobReports.jobState')} value={r.jobOpen ? t('staff.jobReports.jobOpen') : t('staff.jobReports.jobClosed')} />
      {r.openReportsOnJob > 1 ? <Text className="zy-priority">{t('staff.jobReports.more', { count: r.openReportsOnJob })}</Text> : null}
      {r.status === 'open' ? (
        <View>
          <TextField label={t('staff.jobReports.why')} value={reason} maxlength={200} onChange={setReason} />
          {error ? <Notice tone="error">{error}</Notice> : null}
          <View className="zy-actions">
            {ACTIONS.map((a) => (
              <ActionButton key={a} kind={a === 'take_down' ? 'primary' : 'secondary'} disabled={busy} onTap={() => void run(a)}>
                {t(`staff.jobReports.action.${a}`)}
              </ActionButton>
            ))}
          </View>
        </View>
      ) : (
        <Notice tone="success">{`${r.outcome ?? ''}${r.handledAt ? ` · ${chinaDateTime(r.handledAt)}` : ''}`}</Notice>
      )}
    </View>
  );
}
