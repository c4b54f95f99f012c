import { useRouter } from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TeamStageSchema, TransportArrangementSchema, TravelModeSchema, type TeamStage, type TransportArrangement, type TravelMode } from '@zhuanyi/shared';
import { Screen } from '@/components/Screen';
import { ActionButton } from '@/components/ActionButton';
import { StatusView } from '@/components/StatusView';
import { Field, Notice, SingleChoice, TextField } from '@/components/Form';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { applyTeam, getTeam, recordStage } from '@/features/brokers/api/brokers-api';
import '@/features/brokers/components/brokers.scss';

const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** One team: members, the team's application, and its stages (recorded here, confirmed by staff). */
export default function BrokerTeamPage() {
  const id = useRouter().params.id ?? '';
  const team = useAsync(() => getTeam(id), `team-${id}`, true);
  const [stage, setStage] = useState<TeamStage>('hired');
  const [on, setOn] = useState(todayInChina());
  const [transport, setTransport] = useState<TransportArrangement>('organized_train');
  const [laborDispatch, setLaborDispatch] = useState(false);
  const [months, setMonths] = useState('6');
  const [distanceKm, setDistanceKm] = useState('');
  const [travelMode, setTravelMode] = useState<TravelMode>('train');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (team.state.status === 'loading') return <Screen><StatusView kind="loading" title={t('common.loading')} /></Screen>;
  if (team.state.status === 'error') return <Screen><StatusView kind="error" title={t('broker.home.loadFailed')} hint={errorText(team.state.error)} onRetry={() => team.reload()} /></Screen>;
  const tm = team.state.data;
  const run = (work: Promise<unknown>) => {
    setBusy(true);
    setError(null);
    work.then(
      () => {
        setBusy(false);
        team.reload(true);
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };
  const save = () =>
    run(
      recordStage(tm.id, {
        stage,
        on,
        ...(stage === 'departed' ? { transport } : {}),
        ...(stage === 'hired' ? { laborDispatch } : {}),
        ...(stage === 'retained' ? { months: Number(months) || 1 } : {}),
        // The trip's distance and mode decide the transport grant (交通补助); left out when not filled in.
        ...(stage === 'arrived' && distanceKm.trim() !== '' ? { travel: { distanceKm: Number(distanceKm), mode: travelMode } } : {}),
      }),
    );
  return (
    <Screen>
      <View className="zy-broker-card">
        <Text className="zy-broker-card__title">{tm.name}</Text>
        <Text className="zy-broker-muted">{t('broker.team.job', { title: tm.job.title, employer: tm.job.employerName })}</Text>
        <View>
          <Text className="zy-broker-muted">{t('broker.team.place', { region: tm.job.regionName })}</Text>
        </View>
        <Tag label={t(`teamStage.${tm.progress}`)} tone="info" />
      </View>
      <View className="zy-broker-card">
        <Text className="zy-broker-card__title">{t('broker.team.members')}</Text>
        {tm.members.map((m) => (
          <View className="zy-broker-row" key={m.workerId}>
            <Text>{m.name}</Text>
            <Text className="zy-broker-muted">{m.idNumberMasked}</Text>
          </View>
        ))}
      </View>
      <View className="zy-broker-pad">
        {tm.appliedAt ? (
          <Notice tone="success">{t('broker.team.applied', { date: tm.appliedAt.slice(0, 10) })}</Notice>
        ) : (
          <ActionButton onTap={() => run(applyTeam(tm.id))} disabled={busy}>{t('broker.team.apply')}</ActionButton>
        )}
      </View>
      <View className="zy-broker-card">
        <Text className="zy-broker-card__title">{t('broker.team.stages')}</Text>
        {tm.stages.length === 0 ? <Text className="zy-broker-muted">{t('broker.team.noStages')}</Text> : null}
        {tm.stages.map((s) => (
          <View className="zy-broker-row" key={s.id}>
            <View>
              <Text>{t(`teamStage.${s.stage}`)} · {s.on}</Text>
              <View>
                <Text className="zy-broker-muted">
                  {t('broker.team.people', { count: s.memberIds.length })}
                  {s.transport ? ` · ${t(`transport.${s.transport}`)}` : ''}
                  {s.travel ? ` · ${t('broker.team.travel', { km: s.travel.distanceKm, mode: t(`travelMode.${s.travel.mode}`) })}` : ''}
                </Text>
              </View>
            </View>
            <Tag label={s.confirmedAt ? t('broker.team.confirmed') : t('broker.team.unconfirmed')} tone={s.confirmedAt ? 'success' : 'warn'} />
          </View>
        ))}
      </View>
      {tm.appliedAt ? (
        <View className="zy-broker-card" data-testid="stage-form">
          <Text className="zy-broker-card__title">{t('broker.team.record')}</Text>
          <SingleChoice
            inline
            label={t('broker.team.stage')}
            options={TeamStageSchema.options.map((v) => ({ value: v, label: t(`teamStage.${v}`) }))}
            value={stage}
            onChange={setStage}
          />
          <TextField label={t('broker.team.date')} value={on} onChange={setOn} maxlength={10} />
          {stage === 'departed' ? (
            <SingleChoice
              label={t('broker.team.transport')}
              options={TransportArrangementSchema.options.map((v) => ({ value: v, label: t(`transport.${v}`) }))}
              value={transport}
              onChange={setTransport}
            />
          ) : null}
          {stage === 'arrived' ? (
            <>
              <TextField label={t('broker.team.distance')} value={distanceKm} onChange={setDistanceKm} type="number" maxlength={5} />
              <SingleChoice
                inline
                label={t('broker.team.travelMode')}
                options={TravelModeSchema.options.map((v) => ({ value: v, label: t(`travelMode.${v}`) }))}
                value={travelMode}
                onChange={setTravelMode}
              />
            </>
          ) : null}
          {stage === 'hired' ? (
            <Field label={t('broker.team.laborDispatch')}>
              <Switch checked={laborDispatch} onChange={(e) => setLaborDispatch(e.detail.value)} />
            </Field>
          ) : null}
          {stage === 'retained' ? <TextField label={t('broker.team.months')} value={months} onChange={setMonths} type="number" maxlength={2} /> : null}
          {error ? <Notice tone="error">{error}</Notice> : null}
          <ActionButton onTap={save} disabled={busy}>{t('broker.team.save')}</ActionButton>
        </View>
      ) : error ? (
        <Notice tone="error">{error}</Notice>
      ) : null}
    </Screen>
  );
}
