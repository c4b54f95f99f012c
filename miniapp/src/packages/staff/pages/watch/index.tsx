import { StatusView } from '@/components/StatusView';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { getWatchCounts } from '@/features/staff/api/staff-api';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { WatchChart } from '@/features/staff/components/WatchChart';
import { staffCan } from '@/features/staff/hooks/use-staff-session';

function Watch() {
  const { state, reload } = useAsync(() => getWatchCounts(), 'watch', true);
  if (state.status === 'loading') return <StatusView kind="loading" title={t('common.loading')} />;
  if (state.status === 'error') return <StatusView kind="error" title={t('staff.watch.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} />;
  return <WatchChart counts={state.data} />;
}

/** Four-color watch: counts by village with a bar chart and the rules in force. */
export default function StaffWatchPage() {
  return <StaffGate allow={staffCan.registry}>{() => <Watch />}</StaffGate>;
}
