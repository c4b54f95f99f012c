import { View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton';
import { Field, Notice, TextField } from '@/components/Form';
import { RegionPicker } from '@/features/regions/components/RegionPicker';
import { t } from '@/i18n';
import type { useSupplement } from '../hooks/use-supplement';
import { DateField } from '@/components/DateField';

type Supplement = ReturnType<typeof useSupplement>;

/** The fields of one missing item, with save and cancel. */
export function SupplementForm({ s }: { s: Supplement }) {
  if (!s.item) return null;
  const { values: v, errors: e, update } = s;
  const fields = (() => {
    switch (s.item) {
      case 'respondentPhone':
        return <TextField label={t('complaint.respondentPhone')} type="number" maxlength={11} value={v.phone} error={e.phone} onChange={(phone) => update({ phone })} />;
      case 'projectName':
        return <TextField label={t('complaint.projectName')} value={v.name} maxlength={100} error={e.name} onChange={(name) => update({ name })} />;
      case 'mainContractor':
        return <TextField label={t('complaint.mainContractor')} value={v.name} maxlength={100} error={e.name} onChange={(name) => update({ name })} />;
      case 'projectSite':
        return (
          <View>
            <Field label={t('complaint.projectRegion')} error={e.regionCode}>
              <RegionPicker value={v.regionPath} deepestLevel="village" shallowestLevel="county" onChange={(regionPath) => update({ regionPath })} />
            </Field>
            <TextField label={t('complaint.projectAddress')} value={v.address} maxlength={200} error={e.address} onChange={(address) => update({ address })} />
          </View>
        );
      case 'workPeriod':
        return (
          <View>
            <DateField label={t('complaint.workFrom')} value={v.from} error={e.from} onChange={(from) => update({ from })} />
            <DateField label={t('complaint.workTo')} value={v.to} error={e.to} onChange={(to) => update({ to })} />
          </View>
        );
      case 'amountOwed':
        return <TextField label={t('complaint.amount')} type="digit" maxlength={16} value={v.amountYuan} placeholder={t('complaint.amountPlaceholder')} error={e.amountOwedYuan} onChange={(amountYuan) => update({ amountYuan })} />;
      case 'bankCard':
        return (
          <View>
            <TextField label={t('complaint.bankCard')} type="number" maxlength={23} value={v.cardNumber} error={e.cardNumber} onChange={(cardNumber) => update({ cardNumber })} />
            <TextField label={t('complaint.bankName')} value={v.bankName} maxlength={40} error={e.bankName} onChange={(bankName) => update({ bankName })} />
          </View>
        );
    }
  })();
  return (
    <View className="zy-card supplement">
      <Notice tone="info">{t('complaint.supplement.adding', { item: t(`complaint.missing.${s.item}`) })}</Notice>
      {fields}
      {e.form ? <Notice tone="error">{e.form}</Notice> : null}
      {s.state === 'offline' ? <Notice tone="warn">{t('complaint.supplement.offline')}</Notice> : null}
      <View className="zy-actions">
        <ActionButton onTap={() => void s.save()} disabled={s.state === 'sending'}>
          {s.state === 'sending' ? t('common.submitting') : s.state === 'offline' ? t('register.retry') : t('complaint.supplement.save')}
        </ActionButton>
        <ActionButton kind="secondary" onTap={s.close} disabled={s.state === 'sending'}>
          {t('common.cancel')}
        </ActionButton>
      </View>
    </View>
  );
}
