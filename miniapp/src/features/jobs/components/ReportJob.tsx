import { View } from '@tarojs/components';
import { JobReportReasonSchema, type JobReportReason } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, SingleChoice, TextField } from '@/components/Form';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { reportJob } from '../api/job-actions';

/** The report form under the no-fees notice (收取费用 preselected). */
export function ReportJob({ jobId, onClose }: { jobId: string; onClose: () => void }) {
  const [reason, setReason] = useState<JobReportReason>('charges_fees');
  const [note, setNote] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'error'; text: string }>({ kind: 'idle' });

  if (state.kind === 'sent') return <Notice tone="success">{t('jobs.reportSent')}</Notice>;
  const send = () => {
    setState({ kind: 'sending' });
    reportJob(jobId, { reason, note: note.trim() || undefined }).then(
      () => setState({ kind: 'sent' }),
      (error: unknown) => setState({ kind: 'error', text: errorText(error) }),
    );
  };
  return (
    <View className="zy-card">
      <SingleChoice
        label={t('jobs.reportReason')}
        inline
        value={reason}
        options={JobReportReasonSchema.options.map((r) => ({ value: r, label: t(`job.report.${r}`) }))}
        onChange={setReason}
      />
      <TextField label={t('jobs.reportNote')} value={note} maxlength={500} onChange={setNote} />
      {state.kind === 'error' ? <Notice tone="error">{state.text}</Notice> : null}
      <View className="zy-actions">
        <ActionButton onTap={send} disabled={state.kind === 'sending'}>
          {state.kind === 'sending' ? t('common.submitting') : t('jobs.report')}
        </ActionButton>
        <ActionButton kind="secondary" onTap={onClose}>
          {t('common.cancel')}
        </ActionButton>
      </View>
    </View>
  );
}
