import { Text, View } from '@tarojs/components';
import { t } from '@/i18n';
import { useReadAloud } from '../hooks/use-read-aloud';
import './speech.scss';

interface ReadAloudButtonProps {
  /** What to read, in the user's language. */
  text: string;
  /** The same in Chinese, read where the phone has no voice for the user's language. */
  zhText?: string;
}

/** 读给我听: reads the block aloud; tap again to stop. */
export function ReadAloudButton({ text, zhText }: ReadAloudButtonProps) {
  const { speaking, read, stop } = useReadAloud();
  return (
    <View
      className={speaking ? 'zy-speak zy-speak--on' : 'zy-speak'}
      ariaRole="button"
      ariaLabel={speaking ? t('readAloud.stop') : t('readAloud.button')}
      onClick={() => (speaking ? stop() : void read(text, zhText ?? text))}
    >
      <Text className="zy-speak__icon">{speaking ? '■' : '▶'}</Text>
      <Text className="zy-speak__label">{speaking ? t('readAloud.stop') : t('readAloud.button')}</Text>
    </View>
  );
}
