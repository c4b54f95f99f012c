import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RegistryPerson } from '@zhuanyi/shared';
import { ActionButton } from '@/components/ActionButton';
import { Tag } from '@/components/Tag';
import { t } from '@/i18n';
import { revealWorker } from '../api/staff-api';
import { useReveal } from '../hooks/use-reveal';
import { RevealReasonForm } from './RevealReasonForm';
import './staff.scss';

/** A registry entry with masked ID and phone; revealing them asks for a reason (the BFF audits it). */
export function PersonCard({ person, detailUrl }: { person: RegistryPerson; detailUrl?: string }) {
  const r = useReveal((reason) => revealWorker(person.id, reason), t('staff.registry.revealReasonRequired'));
  const full = r.full;

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
      {!full && !r.asking ? (
        <View className="zy-staff-gap-top zy-inline">
          {detailUrl ? <ActionButton onTap={() => void Taro.navigateTo({ url: detailUrl })}>{t('staff.person.open')}</ActionButton> : null}
          <ActionButton kind="secondary" onTap={r.ask}>
            {t('staff.registry.reveal')}
          </ActionButton>
        </View>
      ) : null}
      {r.asking ? <RevealReasonForm reveal={r} label={t('staff.registry.revealReason')} submitLabel={t('staff.registry.revealSubmit')} hint={t('staff.registry.revealHint')} /> : null}
    </View>
  );
}
