import { Text, View } from '@tarojs/components';
import { OwnershipConflictDecisionSchema, type OwnershipConflict } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice, TextField } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { decideOwnershipConflict, listOwnershipConflicts } from '@/features/staff/api/console-api';
import { checkWith } from '@/features/staff/console-forms';
import { Row } from '@/features/staff/components/Row';
import { useFields } from '@/features/staff/hooks/use-fields';
import { useSave } from '@/features/staff/hooks/use-save';

function ConflictCard({ conflict, onDecided }: { conflict: OwnershipConflict; onDecided: (c: OwnershipConflict) => void }) {
  const { values, errors, setErrors, set } = useFields({ reason: '' });
  const { busy, save } = useSave(onDecided, setErrors);
  const decide = (action: 'grant' | 'refuse') => {
    const body = { action, reason: values.reason.trim() };
    const checked = checkWith(OwnershipConflictDecisionSchema, body);
    if (!checked.ok) return setErrors({ ...checked.errors, ...(checked.errors.reason ? { reason: t('staff.conflicts.reasonRequired') } : {}) });
    save(() => decideOwnershipConflict(conflict.id, body));
  };
  return (
    <View className="zy-staff-gap-top">
      <Text className="zy-person__name">{`${conflict.idNumberMasked} · ${conflict.regionName ?? conflict.regionCode}`}</Text>
      <Row label={t('staff.conflicts.current')} value={`${conflict.current.name} ${conflict.current.phoneMasked}`} />
      <Row label={t('staff.conflicts.claimant')} value={`${conflict.claimant.name} ${conflict.claimant.phoneMasked}`} />
      <TextField label={t('staff.conflicts.reason')} value={values.reason} maxlength={200} error={errors.reason} onChange={set('reason')} />
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <View className="zy-staff-buttons">
        <ActionButton disabled={busy} onTap={() => decide('grant')}>
          {t('staff.conflicts.grant')}
        </ActionButton>
        <ActionButton kind="secondary" disabled={busy} onTap={() => decide('refuse')}>
          {t('staff.conflicts.refuse')}
        </ActionButton>
      </View>
    </View>
  );
}

/** Staff/admin: the queue of ID numbers claimed by a second login; settled after checking the ID card in person (audited by the BFF). */
export function OwnershipConflictsPanel() {
  const { state, reload, setState } = useAsync(() => listOwnershipConflicts(), 'ownership-conflicts');
  const [done, setDone] = useState<string | null>(null);
  const decided = (c: OwnershipConflict) => {
    setDone(c.state === 'granted' ? t('staff.conflicts.granted') : t('staff.conflicts.refused'));
    if (state.status === 'ready') setState({ status: 'ready', data: { items: state.data.items.filter((x) => x.id !== c.id) } });
  };
  const open = state.status === 'ready' ? state.data.items.filter((c) => c.state === 'open') : [];
  return (
    <View className="zy-staff-card">
      <Text className="zy-staff-card__title">{t('staff.conflicts.title')}</Text>
      <Text className="zy-muted">{t('staff.conflicts.hint')}</Text>
      {done ? <Notice tone="success">{done}</Notice> : null}
      {state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {state.status === 'error' ? <StatusView kind="error" title={t('staff.conflicts.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /> : null}
      {state.status === 'ready' && open.length === 0 ? <Text className="zy-muted">{t('staff.conflicts.empty')}</Text> : null}
      {open.map((c) => (
        <ConflictCard key={c.id} conflict={c} onDecided={decided} />
      ))}
    </View>
  );
}
