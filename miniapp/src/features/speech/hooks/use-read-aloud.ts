import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { t } from '@/i18n';
import { getActiveLocale } from '@/services/locale';
import { chooseSpeech, getSpeechEngine } from '@/services/speech';

/** Read a text aloud (in the user's language where there is a voice, else the Chinese text); one at a time. */
export function useReadAloud() {
  const [speaking, setSpeaking] = useState(false);
  const run = useRef(0);

  const stop = useCallback(() => {
    run.current += 1;
    getSpeechEngine().stop();
    setSpeaking(false);
  }, []);

  const read = useCallback(async (text: string, zhText: string = text) => {
    const engine = getSpeechEngine();
    const choice = chooseSpeech(engine, getActiveLocale(), text, zhText);
    if (!choice) {
      void Taro.showToast({ title: t('readAloud.unavailable'), icon: 'none' });
      return;
    }
    const mine = ++run.current;
    setSpeaking(true);
    try {
      await engine.speak(choice.text, choice.lang);
    } catch {
      void Taro.showToast({ title: t('readAloud.unavailable'), icon: 'none' });
    } finally {
      if (run.current === mine) setSpeaking(false);
    }
  }, []);

  useEffect(() => () => getSpeechEngine().stop(), []);
  return { speaking, read, stop };
}
