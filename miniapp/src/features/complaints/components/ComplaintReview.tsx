import { Text, View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { ReadAloudButton } from '@/features/speech/components/ReadAloudButton';
import { t } from '@/i18n';
import type { ReviewSection } from '../complaint-review';
import './ComplaintForm.scss';

interface Props {
  sections: ReviewSection[];
  /** Back to one step of the form to change it. */
  edit: (step: number) => void;
  send: () => void;
  /** Label of the send button (sending…, retry after a dropped network). */
  sendLabel: string;
  busy: boolean;
  error?: string;
  offline: boolean;
}

/** Everything entered, in plain words, before the first submission; each part has a way back to change it. */
export function ComplaintReview({ sections, edit, send, sendLabel, busy, error, offline }: Props) {
  const spoken = sections.map((s) => [s.title, ...s.rows.map((r) => `${r.label} ${r.value ?? t('complaint.review.notGiven')}`)].join('. ')).join('. ');
  return (
    <View className="complaint complaint-review">
      <Text className="zy-title">{t('complaint.review.title')}</Text>
      <Text className="zy-text">{t('complaint.review.intro')}</Text>
      <ReadAloudButton text={spoken} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {offline ? <Notice tone="warn">{t('complaint.offline')}</Notice> : null}
      {sections.map((section) => (
        <View key={section.step} className="zy-card complaint-review__section">
          <View className="complaint-review__head">
            <Text className="complaint-review__title">{section.title}</Text>
            {busy ? null : (
              <Text className="zy-link" onClick={() => edit(section.step)}>
                {t('complaint.review.edit')}
              </Text>
            )}
          </View>
          {section.rows.map((row) => (
            <View key={row.label} className="complaint-review__row">
              <Text className="zy-muted">{row.label}</Text>
              <Text className={row.value === null ? 'zy-muted complaint-review__empty' : 'zy-text'}>{row.value ?? t('complaint.review.notGiven')}</Text>
            </View>
          ))}
        </View>
      ))}
      <View className="zy-actions">
        <ActionButton onTap={send} disabled={busy}>
          {sendLabel}
        </ActionButton>
        <ActionButton kind="secondary" onTap={() => edit(sections.length - 1)} disabled={busy}>
          {t('complaint.review.back')}
        </ActionButton>
      </View>
    </View>
  );
}
