import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Notice } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { CaseView } from '@/features/complaints/components/CaseView';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { getCase } from '@/features/staff/api/staff-api';
import type { ActionKind } from '@/features/staff/action-forms';
import { ActionPanel } from '@/features/staff/components/ActionPanel';
import { IntakeDetails } from '@/features/staff/components/IntakeDetails';
import { CaseFacts, ComplainantCard } from '@/features/staff/components/CaseFacts';
import { EvidenceList } from '@/features/complaints/components/EvidenceList';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';

function Case({ id }: { id: string }) {
  const { state, reload, setState } = useAsync(() => getCase(id), id);
  const [done, setDone] = useState<ActionKind | null>(null);
  if (state.status === 'loading') return <StatusView kind="loading" title={t('common.loading')} />;
  if (state.status === 'error') return <StatusView kind="error" title={t('staff.case.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} />;
  const c = state.data;
  return (
    <View className="zy-staff-grid">
      <View>
        {done ? <Notice tone="success">{t('staff.case.done', { action: t(`staff.action.${done}`) })}</Notice> : null}
        <ComplainantCard complaint={c} />
        <CaseFacts complaint={c} />
        <ActionPanel
          key={`${c.status}-${c.timeline.length}`}
          complaint={c}
          onDone={(updated, kind) => {
            setState({ status: 'ready', data: updated });
            setDone(kind);
          }}
        />
        <IntakeDetails complaint={c} />
      </View>
      <View>
        <CaseView complaint={c} />
        <EvidenceList complaint={c} />
      </View>
    </View>
  );
}

/** One case for the intake officer: the steps open to it, green-channel details, timeline and clocks. */
export default function StaffCasePage() {
  const id = useRouter().params.id ?? '';
  return <StaffGate allow={staffCan.intake}>{() => <Case id={id} />}</StaffGate>;
}
