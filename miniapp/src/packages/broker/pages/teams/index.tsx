import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Screen } from '@/components/Screen';
import { ActionButton } from '@/components/ActionButton';
import { StatusView } from '@/components/StatusView';
import { MultiChoice, Notice, SingleChoice, TextField } from '@/components/Form';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { createIdempotencyKey } from '@/services/http';
import { errorText } from '@/services/error-text';
import { createTeam, getJobs, getMyPeople, getTeams } from '@/features/brokers/api/brokers-api';
import { brokerRoutes } from '@/features/brokers/routes';
import '@/features/brokers/components/brokers.scss';

function CreateTeam({ onCreated }: { onCreated: (id: string) => void }) {
  const data = useAsync(() => Promise.all([getJobs(), getMyPeople()]), 'team-form');
  const [name, setName] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [members, setMembers] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(createIdempotencyKey);
  if (data.state.status === 'loading') return <StatusView kind="loading" title={t('common.loading')} />;
  if (data.state.status === 'error') return <StatusView kind="error" title={t('broker.home.loadFailed')} onRetry={() => data.reload()} />;
  const [jobs, people] = data.state.data;
  const submit = () => {
    if (name.trim().length < 2) return setError(t('broker.teams.nameRequired'));
    if (!jobId) return setError(t('broker.teams.jobRequired'));
    if (members.length === 0) return setError(t('broker.teams.membersRequired'));
    setBusy(true);
    setError(null);
    createTeam({ name: name.trim(), jobId, memberIds: members }, key).then(
      (team) => onCreated(team.id),
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };
  return (
    <View className="zy-broker-card" data-testid="team-form">
      <Text className="zy-broker-card__title">{t('broker.teams.create')}</Text>
      <TextField label={t('broker.teams.name')} value={name} onChange={setName} placeholder={t('broker.teams.namePlaceholder')} maxlength={30} />
      <SingleChoice
        label={t('broker.teams.job')}
        options={jobs.items.slice(0, 12).map((j) => ({ value: j.id, label: `${j.title} · ${j.employerName}` }))}
        value={jobId}
        onChange={setJobId}
      />
      {people.items.length === 0 ? (
        <Notice tone="info">{t('broker.teams.noPeople')}</Notice>
      ) : (
        <MultiChoice
          label={t('broker.teams.members', { count: members.length })}
          options={people.items.map((p) => ({ value: p.workerId, label: `${p.name} ${p.idNumberMasked.slice(-4)}` }))}
          value={members}
          onChange={setMembers}
        />
      )}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <ActionButton onTap={submit} disabled={busy}>{busy ? t('broker.teams.saving') : t('broker.teams.submit')}</ActionButton>
    </View>
  );
}

/** My teams (务工联队) and forming a new one for a job. */
export default function BrokerTeamsPage() {
  const teams = useAsync(() => getTeams(), 'teams', true);
  const [creating, setCreating] = useState(false);
  const open = (id: string) => void Taro.navigateTo({ url: brokerRoutes.team(id) });
  return (
    <Screen>
      {creating ? (
        <CreateTeam onCreated={(id) => { setCreating(false); teams.reload(); open(id); }} />
      ) : (
        <View className="zy-broker-pad">
          <ActionButton onTap={() => setCreating(true)}>{t('broker.teams.create')}</ActionButton>
        </View>
      )}
      {teams.state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {teams.state.status === 'error' ? <StatusView kind="error" title={t('broker.home.loadFailed')} hint={errorText(teams.state.error)} onRetry={() => teams.reload()} /> : null}
      {teams.state.status === 'ready' && teams.state.data.items.length === 0 && !creating ? <StatusView kind="empty" title={t('broker.teams.empty')} /> : null}
      {teams.state.status === 'ready' && teams.state.data.items.length > 0 ? (
        <View className="zy-broker-card">
          {teams.state.data.items.map((team) => (
            <View className="zy-broker-row" key={team.id} onClick={() => open(team.id)} ariaRole="link">
              <View>
                <Text>{team.name}</Text>
                <View>
                  <Text className="zy-broker-muted">{team.job.title} · {t('broker.teams.memberCount', { count: team.members.length })}</Text>
                </View>
              </View>
              <Tag label={t(`teamStage.${team.progress}`)} tone="info" />
            </View>
          ))}
        </View>
      ) : null}
    </Screen>
  );
}
