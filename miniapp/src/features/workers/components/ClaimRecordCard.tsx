import { Text, View } from '@tarojs/components';
import type { ClaimableRecord } from '@zhuanyi/shared';
import type { ReactNode } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, TextField } from '@/components/Form';
import { regionFullName, t } from '@/i18n';
import { useClaimRecord } from '../hooks/use-claim-record';
import './ClaimRecordCard.scss';

function RecordLine({ record }: { record: ClaimableRecord }) {
  const by = record.source === 'staff' ? t('claim.byStaff') : t('claim.byBroker');
  return <Text className="zy-text claim__record">{t('claim.record', { name: record.nameMasked, place: record.householdRegionCode ? regionFullName(record.householdRegionCode, record.householdRegionName) : record.householdRegionName, by })}</Text>;
}

interface Props {
  /** Shows the form only for a signed-in worker without a registration. */
  enabled: boolean;
  /** Opens the registration form (filled in with the claimed record). */
  onEdit: () => void;
  /** The privacy consents, when the server asks for them before the claim. */
  renderConsent: (onAgreed: () => void) => ReactNode;
}

/**
 * 我的: "有一份别人帮您登记的信息" when a broker or staff entered a record with the phone the
 * worker signed in with; the ID number confirms it is theirs; then they can correct it.
 */
export function ClaimRecordCard({ enabled, onEdit, renderConsent }: Props) {
  const claim = useClaimRecord(enabled);
  const { state } = claim;
  if (state.status === 'claimed') {
    return (
      <View className="zy-card claim" data-testid="claim-done">
        <Text className="zy-title">{t('claim.done')}</Text>
        <Text className="zy-text">{t('claim.doneHint')}</Text>
        <ActionButton onTap={onEdit}>{t('register.update')}</ActionButton>
      </View>
    );
  }
  if (state.status !== 'found') return null;
  if (claim.needsConsent) return <>{renderConsent(claim.consented)}</>;
  return (
    <View className="zy-card claim" data-testid="claim-card">
      <Text className="zy-title">{t('claim.title')}</Text>
      {state.records.map((r) => (
        <RecordLine key={`${r.nameMasked}-${r.createdAt}`} record={r} />
      ))}
      <TextField label={t('claim.idNumber')} type="idcard" value={claim.idNumber} maxlength={18} placeholder={t('register.idNumberPlaceholder')} error={claim.error ?? undefined} onChange={claim.type} />
      <Notice tone="info">{t('claim.why')}</Notice>
      <ActionButton disabled={claim.sending} onTap={() => void claim.claim()}>
        {claim.sending ? t('claim.sending') : t('claim.submit')}
      </ActionButton>
    </View>
  );
}
