import { chooseSpeech, speechLangs, webSpeechEngine, type SpeechEngine } from './speech';

/** A fake engine that knows some voices and records what it was asked to read. */
function fakeEngine(voices: string[]) {
  const spoken: { text: string; lang: string }[] = [];
  const engine: SpeechEngine = {
    hasVoice: (lang) => voices.includes(lang),
    speak: (text, lang) => {
      spoken.push({ text, lang });
      return Promise.resolve();
    },
    stop: () => undefined,
    canListen: () => false,
    listen: () => null,
  };
  return { engine, spoken };
}

describe('read-aloud choice', () => {
  it('when the phone has a voice for the user language, then the translated text is read in it', () => {
    const { engine } = fakeEngine(['ug-CN', 'zh-CN']);
    expect(chooseSpeech(engine, 'ug', 'ئىش', '工作')).toEqual({ lang: 'ug-CN', text: 'ئىش' });
  });

  it('when there is only a Chinese voice, then the Chinese text is read (never Tibetan letters in a Chinese voice)', () => {
    const { engine } = fakeEngine(['zh-CN']);
    expect(chooseSpeech(engine, 'bo', 'ལས་ཀ', '工作')).toEqual({ lang: 'zh-CN', text: '工作' });
    expect(chooseSpeech(engine, 'mn-Mong', 'ᠠᠵᠢᠯ', '工作')).toEqual({ lang: 'zh-CN', text: '工作' });
  });

  it('when there is no voice at all, then nothing is chosen', () => {
    expect(chooseSpeech(fakeEngine([]).engine, 'zh-CN', '工作', '工作')).toBeNull();
    expect(speechLangs('zh-CN')).toEqual(['zh-CN']);
  });
});

describe('Web Speech engine (H5)', () => {
  function fakeWindow(voiceLangs: string[]) {
    const utterances: { text: string; lang: string; rate: number }[] = [];
    class Utterance {
      lang = '';
      rate = 1;
      onend: (() => void) | null = null;
      onerror: ((e: { error: string }) => void) | null = null;
      constructor(public text: string) {}
    }
    const speechSynthesis = {
      getVoices: () => voiceLangs.map((lang) => ({ lang })),
      cancel: jest.fn(),
      speak: (u: Utterance) => {
        utterances.push({ text: u.text, lang: u.lang, rate: u.rate });
        setTimeout(() => u.onend?.(), 0);
      },
    };
    return { win: { speechSynthesis, SpeechSynthesisUtterance: Utterance } as never, utterances, speechSynthesis };
  }

  it('when asked to read, then an utterance in that language is spoken slowly and the promise ends with it', async () => {
    const { win, utterances, speechSynthesis } = fakeWindow(['zh-CN', 'en-US']);
    const engine = webSpeechEngine(win);
    expect(engine.hasVoice('zh-CN')).toBe(true);
    expect(engine.hasVoice('bo-CN')).toBe(false);
    await engine.speak('岗位详情', 'zh-CN');
    expect(utterances).toEqual([{ text: '岗位详情', lang: 'zh-CN', rate: 0.9 }]);
    engine.stop();
    expect(speechSynthesis.cancel).toHaveBeenCalled();
  });

  it('when the browser has no speech at all, then no voice and no voice input are offered', () => {
    const engine = webSpeechEngine({} as never);
    expect(engine.hasVoice('zh-CN')).toBe(false);
    expect(engine.canListen()).toBe(false);
    expect(engine.listen('zh-CN')).toBeNull();
  });
});
