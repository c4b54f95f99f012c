import { Text, View } from '@tarojs/components';
import { t } from '@/i18n';
import { ActionButton } from './ActionButton';
import './ui.scss';

interface StatusViewProps {
  kind: 'loading' | 'empty' | 'error';
  title: string;
  hint?: string;
  onRetry?: () => void;
}

/** Full-width state message: loading, nothing found, or failed with a retry button. */
export function StatusView({ kind, title, hint, onRetry }: StatusViewProps) {
  return (
    <View className={`zy-status zy-status--${kind}`} ariaRole={kind === 'error' ? 'alert' : 'status'}>
      <Text className="zy-status__title">{title}</Text>
      {hint ? <Text className="zy-status__hint">{hint}</Text> : null}
      {onRetry ? (
        <View className="zy-status__action">
          <ActionButton onTap={onRetry}>{t('common.retry')}</ActionButton>
        </View>
      ) : null}
    </View>
  );
}
