import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { t } from '@/i18n';
import { getActiveLocale } from '@/services/locale';
import { getSpeechEngine, speechLangs } from '@/services/speech';
import './speech.scss';

/** 说话输入: where the platform offers speech recognition, fills a field with what was said. */
export function VoiceInputButton({ onText }: { onText: (text: string) => void }) {
  const engine = getSpeechEngine();
  const [listening, setListening] = useState(false);
  const session = useRef<{ stop(): void } | null>(null);
  useEffect(() => () => session.current?.stop(), []);
  if (!engine.canListen()) return null;

  const start = async () => {
    const started = engine.listen(speechLangs(getActiveLocale())[0]!);
    if (!started) {
      void Taro.showToast({ title: t('voice.unavailable'), icon: 'none' });
      return;
    }
    session.current = started;
    setListening(true);
    try {
      const heard = (await started.result).trim();
      if (heard) onText(heard);
      else void Taro.showToast({ title: t('voice.failed'), icon: 'none' });
    } catch {
      void Taro.showToast({ title: t('voice.failed'), icon: 'none' });
    } finally {
      session.current = null;
      setListening(false);
    }
  };

  return (
    <View
      className={listening ? 'zy-speak zy-speak--on zy-voice' : 'zy-speak zy-voice'}
      ariaRole="button"
      ariaLabel={listening ? t('voice.listening') : t('voice.button')}
      onClick={() => (listening ? session.current?.stop() : void start())}
    >
      <Text className="zy-speak__icon">◉</Text>
      <Text className="zy-speak__label">{listening ? t('voice.listening') : t('voice.button')}</Text>
    </View>
  );
}
