import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { RegistryPerson } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Field, Notice } from '@/components/Form';
import { Tag } from '@/components/Tag';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { revealWorker } from '../api/staff-api';
import './staff.scss';

/** A registry entry with masked ID and phone; revealing them asks for a reason (the BFF audits it). */
export function PersonCard({ person, detailUrl }: { person: RegistryPerson; detailUrl?: string }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [full, setFull] = useState<{ idNumber: string; phone: string } | null>(null);

  const reveal = () => {
    if (reason.trim().length < 4) {
      setError(t('staff.registry.revealReasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    revealWorker(person.id, reason.trim()).then(
      (r) => {
        setBusy(false);
        setFull(r);
        setAsking(false);
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };

  const color = person.watch.color;
  return (
    <View className={`zy-staff-card zy-person${color ? ` zy-person--${color}` : ''}`}>
      <View className="zy-queue-item__head">
        <Text className="zy-person__name">{person.name}</Text>
        {color ? <Text className={`zy-watch-chip zy-watch-chip--${color}`}>{t(`watch.color.${color}`)}</Text> : null}
      </View>
      <Text className="zy-muted">{`${t(`sex.${person.sex}`)} · ${t('staff.registry.age', { age: person.age })} · ${person.regionName}`}</Text>
      <View className="zy-inline">
        <Tag label={t(`employmentStatus.${person.status}`)} tone="info" />
        <Tag label={t(`mobility.${person.mobility}`)} />
        {person.keyGroups.map((g) => (
          <Tag key={g} label={t(`keyGroup.${g}`)} tone="public" />
        ))}
        <Tag label={person.verified ? t('staff.registry.verified') : t('staff.registry.unverified')} tone={person.verified ? 'success' : 'warn'} />
      </View>
      <View className="zy-row">
        <Text className="zy-row__label">{t('staff.registry.idNumber')}</Text>
        <Text className="zy-row__value zy-mono">{full ? full.idNumber : person.idNumberMasked}</Text>
      </View>
      <View className="zy-row">
        <Text className="zy-row__label">{t('staff.registry.phone')}</Text>
        <Text className="zy-row__value zy-mono">{full ? full.phone : person.phoneMasked}</Text>
      </View>
      {person.watch.reasons.length > 0 ? <Text className="zy-muted">{person.watch.reasons.map((r) => r.message).join('；')}</Text> : null}
      {!full && !asking ? (
        <View className="zy-staff-gap-top zy-inline">
          {detailUrl ? <ActionButton onTap={() => void Taro.navigateTo({ url: detailUrl })}>{t('staff.person.open')}</ActionButton> : null}
          <ActionButton kind="secondary" onTap={() => setAsking(true)}>
            {t('staff.registry.reveal')}
          </ActionButton>
        </View>
      ) : null}
      {asking ? (
        <View className="zy-staff-gap-top">
          <Notice tone="info">{t('staff.registry.revealHint')}</Notice>
          <Field label={t('staff.registry.revealReason')} error={error ?? undefined}>
            <Input className="zy-input" value={reason} maxlength={200} ariaLabel={t('staff.registry.revealReason')} onInput={(e) => setReason(e.detail.value)} />
          </Field>
          <View className="zy-staff-buttons">
            <ActionButton onTap={reveal} disabled={busy}>
              {busy ? t('common.submitting') : t('staff.registry.revealSubmit')}
            </ActionButton>
            <ActionButton kind="secondary" onTap={() => { setAsking(false); setError(null); }}>
              {t('common.cancel')}
            </ActionButton>
          </View>
        </View>
      ) : null}
    </View>
  );
}
