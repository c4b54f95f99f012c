import Taro from '@tarojs/taro';
import type { LocaleCode } from '@zhuanyi/shared';

/**
 * Read-aloud and voice input behind one interface: the Web Speech API in H5, WeChat's speech
 * plugin (WechatSI) in the weapp, a fake in tests. Languages without a voice fall back to Chinese.
 */
export interface SpeechEngine {
  /** True when the engine has a voice for this BCP 47 tag. */
  hasVoice(lang: string): boolean;
  speak(text: string, lang: string): Promise<void>;
  stop(): void;
  /** True when the platform offers voice input. */
  canListen(): boolean;
  /** Voice input: resolves with what was said; null when the platform has none. */
  listen(lang: string): { result: Promise<string>; stop(): void } | null;
}

/** Speech tags to try for each UI language, best first (most engines only read Chinese for now). */
export function speechLangs(locale: LocaleCode): string[] {
  switch (locale) {
    case 'ug':
      return ['ug-CN', 'zh-CN'];
    case 'bo':
      return ['bo-CN', 'zh-CN'];
    case 'mn-Mong':
      return ['mn-Mong-CN', 'mn-CN', 'zh-CN'];
    default:
      return ['zh-CN'];
  }
}

interface WebSpeechWindow {
  speechSynthesis?: SpeechSynthesis;
  SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
  SpeechRecognition?: new () => WebRecognition;
  webkitSpeechRecognition?: new () => WebRecognition;
}
interface WebRecognition {
  lang: string;
  interimResults: boolean;
  onresult: ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
}

function webWindow(): WebSpeechWindow | null {
  return typeof window === 'undefined' ? null : (window as unknown as WebSpeechWindow);
}

/** H5: speechSynthesis reads, SpeechRecognition listens (Chrome, Android WebView with Google). */
export function webSpeechEngine(win: WebSpeechWindow | null = webWindow()): SpeechEngine {
  return {
    hasVoice: (lang) => {
      if (!win?.speechSynthesis || !win.SpeechSynthesisUtterance) return false;
      const voices = win.speechSynthesis.getVoices();
      const base = lang.split('-')[0]!.toLowerCase();
      // Voices load late in some browsers: trust Chinese until the list says otherwise.
      if (voices.length === 0) return base === 'zh';
      return voices.some((v) => v.lang.replace('_', '-').toLowerCase().split('-')[0] === base);
    },
    speak: (text, lang) =>
      new Promise((resolve, reject) => {
        if (!win?.speechSynthesis || !win.SpeechSynthesisUtterance) return reject(new Error('no speech'));
        win.speechSynthesis.cancel();
        const utterance = new win.SpeechSynthesisUtterance(text);
        utterance.lang = lang;
        utterance.rate = 0.9;
        utterance.onend = () => resolve();
        utterance.onerror = (e) => (e.error === 'interrupted' || e.error === 'canceled' ? resolve() : reject(new Error(e.error)));
        win.speechSynthesis.speak(utterance);
      }),
    stop: () => win?.speechSynthesis?.cancel(),
    canListen: () => Boolean(win?.SpeechRecognition ?? win?.webkitSpeechRecognition),
    listen: (lang) => {
      const Recognition = win?.SpeechRecognition ?? win?.webkitSpeechRecognition;
      if (!Recognition) return null;
      const recognition = new Recognition();
      recognition.lang = lang;
      recognition.interimResults = false;
      const result = new Promise<string>((resolve, reject) => {
        let heard = '';
        recognition.onresult = (event) => {
          heard = Array.from(event.results)
            .map((r) => r[0]?.transcript ?? '')
            .join('');
        };
        recognition.onerror = (event) => reject(new Error(event.error));
        recognition.onend = () => resolve(heard);
      });
      recognition.start();
      return { result, stop: () => recognition.stop() };
    },
  };
}

interface WechatSI {
  textToSpeech(options: { lang: string; content: string; success: (r: { filename: string }) => void; fail: (e: unknown) => void }): void;
  getRecordRecognitionManager(): {
    start(options: { lang: string; duration?: number }): void;
    stop(): void;
    onStop: ((r: { result: string }) => void) | null;
    onError: ((e: unknown) => void) | null;
  };
}
declare const requirePlugin: ((name: string) => unknown) | undefined;

/** weapp: WeChat's speech plugin turns text into an audio file (played here) and records speech to text. */
export function wechatSpeechEngine(): SpeechEngine {
  const plugin = (): WechatSI | null => {
    try {
      return typeof requirePlugin === 'function' ? (requirePlugin('WechatSI') as WechatSI) : null;
    } catch {
      return null;
    }
  };
  let audio: Taro.InnerAudioContext | null = null;
  const stop = () => {
    audio?.stop();
    audio?.destroy();
    audio = null;
  };
  return {
    // WechatSI's textToSpeech reads Chinese and English only.
    hasVoice: (lang) => plugin() !== null && lang === 'zh-CN',
    speak: (text, lang) =>
      new Promise((resolve, reject) => {
        const si = plugin();
        if (!si) return reject(new Error('no plugin'));
        si.textToSpeech({
          lang: lang === 'zh-CN' ? 'zh_CN' : lang.replace('-', '_'),
          content: text,
          fail: reject,
          success: ({ filename }) => {
            stop();
            audio = Taro.createInnerAudioContext();
            audio.src = filename;
            audio.onEnded(() => resolve());
            audio.onStop(() => resolve());
            audio.onError(() => reject(new Error('audio')));
            audio.play();
          },
        });
      }),
    stop,
    canListen: () => plugin() !== null,
    listen: (lang) => {
      const si = plugin();
      if (!si) return null;
      const manager = si.getRecordRecognitionManager();
      const result = new Promise<string>((resolve, reject) => {
        manager.onStop = (r) => resolve(r.result);
        manager.onError = reject;
      });
      manager.start({ lang: lang === 'zh-CN' ? 'zh_CN' : lang.replace('-', '_'), duration: 30_000 });
      return { result, stop: () => manager.stop() };
    },
  };
}

let engine: SpeechEngine | null = null;

export function getSpeechEngine(): SpeechEngine {
  if (!engine) engine = process.env.TARO_ENV === 'weapp' ? wechatSpeechEngine() : webSpeechEngine();
  return engine;
}

/** Tests put a fake engine here. */
export function setSpeechEngine(next: SpeechEngine | null): void {
  engine = next;
}

export interface SpeechChoice {
  lang: string;
  text: string;
}

/**
 * What to read and in which voice: the user's language when the engine has a voice for it,
 * else the Chinese text (read in Chinese, as the issue asks at least); null when nothing can be read.
 */
export function chooseSpeech(engine: SpeechEngine, locale: LocaleCode, text: string, zhText: string): SpeechChoice | null {
  for (const lang of speechLangs(locale)) {
    if (!engine.hasVoice(lang)) continue;
    return { lang, text: lang === 'zh-CN' ? zhText : text };
  }
  return null;
}
