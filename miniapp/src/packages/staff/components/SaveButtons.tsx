import { View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { t } from '@/i18n';

/** A publishing form's foot: the form-level error, save, and cancel while editing. */
export function SaveButtons({ error, busy, editing, onSave, onCancel }: { error?: string; busy: boolean; editing: boolean; onSave: () => void; onCancel: () => void }) {
  return (
    <>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <View className="zy-staff-buttons">
        <ActionButton onTap={onSave} disabled={busy}>
          {busy ? t('common.submitting') : t('staff.publish.save')}
        </ActionButton>
        {editing ? (
          <ActionButton kind="secondary" onTap={onCancel}>
            {t('common.cancel')}
          </ActionButton>
        ) : null}
      </View>
    </>
  );
}
