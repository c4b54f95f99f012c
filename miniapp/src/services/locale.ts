import Taro from '@tarojs/taro';
import { DEFAULT_LOCALE, LocaleSchema, localeDir, matchLocale, type LocaleCode } from '@zhuanyi/shared';
import { setLocale as setCatalogLocale, t } from '@/i18n';

/**
 * The UI language: the user's own choice on this device, else the phone's (or browser's)
 * language when it is one we serve, else Chinese. The choice is also kept on the account.
 */
const KEY = 'settings.locale';
const listeners = new Set<() => void>();
let current: LocaleCode | null = null;

function readStored(): LocaleCode | null {
  try {
    const parsed = LocaleSchema.safeParse(Taro.getStorageSync(KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The phone's language tag: WeChat's system info, or the browser's navigator.language in H5. */
export function systemLanguage(): string | null {
  try {
    const info = Taro.getSystemInfoSync() as { language?: string };
    if (info.language) return info.language;
  } catch {
    // fall through to navigator
  }
  return typeof navigator !== 'undefined' ? navigator.language : null;
}

/** True when the user picked a language on this device (not just the phone's default). */
export function hasChosenLocale(): boolean {
  return readStored() !== null;
}

export function getActiveLocale(): LocaleCode {
  if (current === null) {
    current = readStored() ?? matchLocale(systemLanguage()) ?? DEFAULT_LOCALE;
    setCatalogLocale(current);
  }
  return current;
}

export function getDir(): 'ltr' | 'rtl' {
  return localeDir[getActiveLocale()];
}

/** Switch language on this device; listeners (the account sync, pages) hear of it. */
export function chooseLocale(code: LocaleCode): void {
  current = code;
  setCatalogLocale(code);
  Taro.setStorageSync(KEY, code);
  listeners.forEach((listener) => listener());
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forget the cached language (tests). */
export function resetLocaleCache(): void {
  current = null;
}

/** Tab bar labels come from app.config (Chinese): set them in the active language. */
export function applyTabBar(): void {
  if (getActiveLocale() === 'zh-CN' && !hasChosenLocale()) return;
  const labels = [t('tabs.jobs'), t('tabs.training'), t('tabs.complaint'), t('tabs.me')];
  labels.forEach((text, index) => {
    try {
      void Promise.resolve(Taro.setTabBarItem({ index, text })).catch(() => undefined);
    } catch {
      // Not on a tab page.
    }
  });
}
