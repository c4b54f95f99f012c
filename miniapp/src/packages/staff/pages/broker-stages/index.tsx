import { Text, View } from '@tarojs/components';
import { SUBSIDY_STAGES, type Team, type TeamStageRecord } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { confirmStage, listTeamsToConfirm } from '@/features/brokers/api/staff-brokers-api';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';

/** Stages that can earn a subsidy once confirmed (离职 only ends a placement). */
const EARNING: ReadonlySet<string> = new Set(SUBSIDY_STAGES);
const awaiting = (team: Team) => team.stages.filter((s) => EARNING.has(s.stage) && s.confirmedAt === null);

function StageRow({ team, stage, onConfirmed }: { team: Team; stage: TeamStageRecord; onConfirmed: (t: Team) => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const confirm = () => {
    setBusy(true);
    setFailure(null);
    confirmStage(team.id, stage.id).then(onConfirmed, (e: unknown) => {
      setBusy(false);
      setFailure(errorText(e));
    });
  };
  return (
    <View className="zy-staff-gap" data-testid="stage-row">
      <Text className="zy-text">
        {t('broker.staff.stages.stage', { stage: t(`teamStage.${stage.stage}`), date: stage.on, count: stage.memberIds.length })}
      </Text>
      {stage.transport ? <View><Text className="zy-muted">{t(`transport.${stage.transport}`)}</Text></View> : null}
      {stage.travel ? (
        <View>
          <Text className="zy-muted">{t('broker.team.travel', { km: stage.travel.distanceKm, mode: t(`travelMode.${stage.travel.mode}`) })}</Text>
        </View>
      ) : null}
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <ActionButton disabled={busy} onTap={confirm}>{t('broker.staff.stages.confirm')}</ActionButton>
    </View>
  );
}

function Stages() {
  const teams = useAsync(() => listTeamsToConfirm(), 'stages', true);
  if (teams.state.status === 'loading') return <StatusView kind="loading" title={t('common.loading')} />;
  if (teams.state.status === 'error') return <StatusView kind="error" title={t('broker.home.loadFailed')} hint={errorText(teams.state.error)} onRetry={() => teams.reload()} />;
  const data = teams.state.data;
  const replace = (updated: Team) => teams.setState({ status: 'ready', data: { items: data.items.map((x) => (x.id === updated.id ? updated : x)) } });
  const open = data.items.filter((team) => awaiting(team).length > 0);
  if (open.length === 0) return <StatusView kind="empty" title={t('broker.staff.stages.empty')} />;
  return (
    <View>
      {open.map((team) => (
        <View key={team.id} className="zy-staff-card">
          <Text className="zy-staff-card__title">{t('broker.staff.stages.team', { team: team.name, employer: team.job.employerName })}</Text>
          <View className="zy-staff-gap"><Text className="zy-muted">{team.job.title} · {team.job.regionName} · {t('broker.team.people', { count: team.members.length })}</Text></View>
          {awaiting(team).map((s) => <StageRow key={s.id} team={team} stage={s} onConfirmed={replace} />)}
        </View>
      ))}
    </View>
  );
}

/** Staff: team stages of my region that earn subsidies and wait for confirmation. */
export default function StaffBrokerStagesPage() {
  return <StaffGate allow={staffCan.registry}>{() => <Stages />}</StaffGate>;
}
