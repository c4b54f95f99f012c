import { act, fireEvent, render, screen } from '@testing-library/react';
import { loadLocale, setLocale } from '@/i18n';
import { chooseLocale, resetLocaleCache } from '@/services/locale';
import { setSpeechEngine, type SpeechEngine } from '@/services/speech';
import { ReadAloudButton } from './ReadAloudButton';

/** A fake speech engine: records what it reads and finishes when the test says so. */
function fakeEngine(voices: string[]) {
  const spoken: { text: string; lang: string }[] = [];
  let finish: () => void = () => undefined;
  const engine: SpeechEngine = {
    hasVoice: (lang) => voices.includes(lang),
    speak: (text, lang) => {
      spoken.push({ text, lang });
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    },
    stop: jest.fn(() => finish()),
    canListen: () => false,
    listen: () => null,
  };
  return { engine, spoken, finish: () => finish() };
}

describe('ReadAloudButton (读给我听)', () => {
  beforeAll(() => Promise.all([loadLocale('ug'), loadLocale('bo'), loadLocale('mn-Mong')]));
  afterEach(() => {
    setSpeechEngine(null);
    chooseLocale('zh-CN');
    resetLocaleCache();
    setLocale('zh-CN');
  });

  it('when tapped in Chinese, then the text is read in a Chinese voice, the button offers to stop, and stop ends it', async () => {
    const fake = fakeEngine(['zh-CN']);
    setSpeechEngine(fake.engine);
    chooseLocale('zh-CN');
    render(<ReadAloudButton text="电焊工，月薪六千" />);
    fireEvent.click(screen.getByText('读给我听'));
    expect(fake.spoken).toEqual([{ text: '电焊工，月薪六千', lang: 'zh-CN' }]);
    expect(await screen.findByText('停止朗读')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByText('停止朗读'));
      await Promise.resolve();
    });
    expect(fake.engine.stop).toHaveBeenCalled();
    expect(await screen.findByText('读给我听')).toBeTruthy();
  });

  it('when the page is in Tibetan and the phone has only a Chinese voice, then the Chinese text is read', async () => {
    const fake = fakeEngine(['zh-CN']);
    setSpeechEngine(fake.engine);
    chooseLocale('bo');
    render(<ReadAloudButton text="ལས་ཀ" zhText="工作" />);
    fireEvent.click(screen.getByText('ངར་ཀློག་རོགས།'));
    expect(fake.spoken).toEqual([{ text: '工作', lang: 'zh-CN' }]);
    await act(async () => {
      fake.finish();
      await Promise.resolve();
    });
  });

  it('when the page is in Uyghur and the phone has a Uyghur voice, then the Uyghur text is read in it', async () => {
    const fake = fakeEngine(['ug-CN', 'zh-CN']);
    setSpeechEngine(fake.engine);
    chooseLocale('ug');
    render(<ReadAloudButton text="ئىش" zhText="工作" />);
    fireEvent.click(screen.getByText('ئوقۇپ بېرىڭ'));
    expect(fake.spoken).toEqual([{ text: 'ئىش', lang: 'ug-CN' }]);
    await act(async () => {
      fake.finish();
      await Promise.resolve();
    });
  });
});
