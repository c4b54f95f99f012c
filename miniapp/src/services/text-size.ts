import Taro from '@tarojs/taro';

/**
 * Text size for older users: the user's own switch (我的 → 大字模式) or WeChat's font scale
 * (care mode), whichever is larger. Levels map to CSS classes on <Screen>.
 */
export type TextLevel = 'normal' | 'large' | 'xlarge';

const KEY = 'settings.largeText';
const listeners = new Set<() => void>();
let userLarge: boolean | null = null;
let systemLevel: TextLevel | null = null;

function readUserLarge(): boolean {
  if (userLarge === null) {
    try {
      userLarge = Taro.getStorageSync(KEY) === true;
    } catch {
      userLarge = false;
    }
  }
  return userLarge;
}

/** WeChat's font scale factor (1 = normal) mapped to a level; H5 has none. */
export function levelForScale(scale: number | undefined): TextLevel {
  if (!scale || !Number.isFinite(scale)) return 'normal';
  if (scale >= 1.3) return 'xlarge';
  if (scale >= 1.1) return 'large';
  return 'normal';
}

function readSystemLevel(): TextLevel {
  if (systemLevel === null) {
    let scale: number | undefined;
    try {
      // getAppBaseInfo exists in newer base libraries; older ones answer getSystemInfoSync.
      const raw: object = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync();
      const info = raw as { fontSizeScaleFactor?: number; fontSizeSetting?: number };
      scale = info.fontSizeScaleFactor ?? (info.fontSizeSetting ? info.fontSizeSetting / 17 : undefined);
    } catch {
      scale = undefined;
    }
    systemLevel = levelForScale(scale);
  }
  return systemLevel;
}

const rank: Record<TextLevel, number> = { normal: 0, large: 1, xlarge: 2 };

export function isLargeTextOn(): boolean {
  return readUserLarge();
}

export function getSystemTextLevel(): TextLevel {
  return readSystemLevel();
}

/** The level pages render with. */
export function getTextLevel(): TextLevel {
  const user: TextLevel = readUserLarge() ? 'large' : 'normal';
  const system = readSystemLevel();
  return rank[system] > rank[user] ? system : user;
}

export function setLargeText(on: boolean): void {
  userLarge = on;
  Taro.setStorageSync(KEY, on);
  listeners.forEach((listener) => listener());
}

export function subscribeTextLevel(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * H5: the tab bar lives outside every page's .zy-screen, so the level is also marked on <html>
 * (app.scss sizes the tab-bar labels from it). The weapp's tab bar is WeChat's own.
 */
export function markDocumentTextLevel(level: TextLevel): void {
  if (process.env.TARO_ENV === 'weapp' || typeof document === 'undefined' || !document.documentElement) return;
  const root = document.documentElement;
  root.classList.toggle('zy-text-large', level !== 'normal');
  root.classList.toggle('zy-text-xlarge', level === 'xlarge');
}

/** Forget cached values (tests). */
export function resetTextLevelCache(): void {
  userLarge = null;
  systemLevel = null;
}
