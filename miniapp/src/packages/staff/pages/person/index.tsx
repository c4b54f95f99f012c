import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ServiceKindSchema, type RegistryDetail, type ServiceKind } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Chip } from '@/components/Chip';
import { Field, Notice, TextField } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { addService, getPerson, verifyPerson } from '@/features/staff/api/console-api';
import { apiErrors, beijingDateTime, optional, type FieldErrors } from '@/features/staff/console-forms';
import { PersonCard } from '@/features/staff/components/PersonCard';
import { StaffGate } from '@/features/staff/components/StaffGate';
import { staffCan } from '@/features/staff/hooks/use-staff-session';
import { Row } from '@/features/staff/components/Row';

function Level({ label, count, target, met, applies = true }: { label: string; count: number; target: number; met: boolean; applies?: boolean }) {
  return (
    <View className="zy-row zy-level">
      <Text className="zy-row__label">{label}</Text>
      <Text className="zy-row__value">
        {applies ? `${t('staff.person.count', { count, target })} ` : t('staff.person.notApplicable')}
        {applies ? <Tag label={met ? t('staff.person.met') : t('staff.person.notMet')} tone={met ? 'success' : 'warn'} /> : null}
      </Text>
    </View>
  );
}

function ServiceLevelCard({ p }: { p: RegistryDetail }) {
  const l = p.serviceLevel;
  const n = l.needsPackage;
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{t('staff.person.level', { month: l.month })}</Text>
      <Level label={t('staff.person.jobInfos')} {...l.jobInfosThisMonth} />
      <Level label={t('staff.person.recommendations')} {...l.recommendations} />
      <Text className="zy-muted zy-staff-gap-top">{t('staff.person.needs')}</Text>
      {n.applies ? (
        <>
          <Level label={t('staff.person.guidance')} count={n.guidance} target={1} met={n.guidance >= 1} />
          <Level label={t('staff.person.needsJobInfos')} count={n.jobInfos} target={3} met={n.jobInfos >= 3} />
          <Level label={t('staff.person.training')} count={n.training} target={1} met={n.training >= 1} />
        </>
      ) : (
        <Text className="zy-text">{t('staff.person.notApplicable')}</Text>
      )}
    </View>
  );
}

function ServiceForm({ id, onSaved }: { id: string; onSaved: (p: RegistryDetail, kind: ServiceKind) => void }) {
  const [kind, setKind] = useState<ServiceKind | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const submit = () => {
    if (!kind) return setErrors({ kind: t('staff.person.serviceKindRequired') });
    setBusy(true);
    addService(id, { kind, note: optional(note) }).then(
      (p) => {
        setBusy(false);
        setKind(null);
        setNote('');
        setErrors({});
        onSaved(p, kind);
      },
      (e: unknown) => {
        setBusy(false);
        setErrors(apiErrors(e));
      },
    );
  };
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{t('staff.person.addService')}</Text>
      <Field label={t('staff.person.serviceKind')} error={errors.kind}>
        <View className="zy-inline">
          {ServiceKindSchema.options.map((k) => (
            <Chip key={k} label={t(`staff.person.kinds.${k}`)} selected={kind === k} onTap={() => { setKind(k); setErrors({}); }} />
          ))}
        </View>
      </Field>
      <TextField label={`${t('staff.person.serviceNote')}${t('staff.publish.optional')}`} value={note} maxlength={500} error={errors.note} onChange={setNote} />
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <ActionButton onTap={submit} disabled={busy}>
        {busy ? t('common.submitting') : t('staff.person.saveService')}
      </ActionButton>
    </View>
  );
}

function VerifyCard({ p, onSaved }: { p: RegistryDetail; onSaved: (p: RegistryDetail) => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (p.verified && p.verifiedAt) {
    return (
      <View className="zy-staff-card">
        <Notice tone="success">{t('staff.person.verified', { date: beijingDateTime(p.verifiedAt) })}</Notice>
      </View>
    );
  }
  return (
    <View className="zy-staff-card">
      <TextField label={`${t('staff.person.verifyNote')}${t('staff.publish.optional')}`} value={note} maxlength={200} error={error ?? undefined} onChange={setNote} />
      <ActionButton
        disabled={busy}
        onTap={() => {
          setBusy(true);
          verifyPerson(p.id, note.trim()).then(
            (d) => {
              setBusy(false);
              onSaved(d);
            },
            (e: unknown) => {
              setBusy(false);
              setError(errorText(e));
            },
          );
        }}
      >
        {busy ? t('common.submitting') : t('staff.person.verify')}
      </ActionButton>
    </View>
  );
}

function Person({ id }: { id: string }) {
  const { state, reload, setState } = useAsync(() => getPerson(id), id);
  const [done, setDone] = useState<string | null>(null);
  if (state.status === 'loading') return <StatusView kind="loading" title={t('common.loading')} />;
  if (state.status === 'error') return <StatusView kind="error" title={t('staff.person.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} />;
  const p = state.data;
  const e = p.employment;
  const show = (d: RegistryDetail) => setState({ status: 'ready', data: d });
  return (
    <View className="zy-staff-grid">
      <View>
        <PersonCard person={p} />
        <View className="zy-staff-card">
          <Row label={t('staff.person.household')} value={`${p.household.regionName} ${p.household.group}`} />
          <Row label={t('staff.person.employment')} value={t(`employmentStatus.${e.status}`)} />
          {e.employerName ? <Row label={t('staff.person.employer')} value={e.employerName} /> : null}
          {e.trade ? <Row label={t('staff.person.trade')} value={e.trade} /> : null}
          {e.startedOn ? <Row label={t('staff.person.startedOn')} value={e.startedOn} /> : null}
          {e.unemployedSince ? <Row label={t('staff.person.unemployedSince')} value={e.unemployedSince} /> : null}
          <Row
            label={t('staff.person.wants')}
            value={[p.wantsJob ? t('staff.person.wantsJob') : '', p.wantsTraining ? t('staff.person.wantsTraining') : ''].filter(Boolean).join('、') || t('common.none')}
          />
          {p.jobTrades.length > 0 ? <Text className="zy-muted">{t('staff.person.jobTrades', { trades: p.jobTrades.join('、') })}</Text> : null}
        </View>
        <VerifyCard p={p} onSaved={(d) => { show(d); setDone(t('staff.person.verifyDone')); }} />
      </View>
      <View>
        <ServiceLevelCard p={p} />
        {done ? <Notice tone="success">{done}</Notice> : null}
        <ServiceForm id={p.id} onSaved={(d, kind) => { show(d); setDone(t('staff.person.serviceSaved', { kind: t(`staff.person.kinds.${kind}`) })); }} />
        <View className="zy-staff-card">
          <Text className="zy-staff-card__title">{t('staff.person.services')}</Text>
          {p.services.length === 0 ? <Text className="zy-muted">{t('staff.person.noServices')}</Text> : null}
          {p.services.map((s) => (
            <View key={s.id} className="zy-row zy-service">
              <Text className="zy-row__label">{`${beijingDateTime(s.at)} ${t(`staff.person.kinds.${s.kind}`)}`}</Text>
              <Text className="zy-row__value">{[s.note, s.byName].filter(Boolean).join(' · ')}</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}

/** One person of the registry: masked numbers (reveal with a reason), verify, one-to-one services and the service level against the targets. */
export default function StaffPersonPage() {
  const id = useRouter().params.id ?? '';
  return <StaffGate allow={staffCan.registry}>{() => <Person id={id} />}</StaffGate>;
}
