import Taro from '@tarojs/taro';
import { localeDir, type AuthSubject, type LocaleCode } from '@zhuanyi/shared';
import { appConfig } from '@/config';
import { loadLocale } from '@/i18n';
import { getAccessToken, saveSubject } from '@/services/auth-token';
import { keepLoadedFiles } from '@/services/service-worker';
import { applyTabBar, chooseLocale, getActiveLocale, hasChosenLocale } from '@/services/locale';
import { saveAccountLocale } from './api/save-locale';

/** Web fonts per script, served by the BFF at /fonts (never in the weapp package). */
export const fontFamilies: Partial<Record<LocaleCode, { family: string; file: string; range: string }>> = {
  'mn-Mong': { family: 'Noto Sans Mongolian', file: 'noto-sans-mongolian.woff2', range: 'U+1800-18AF, U+202F' },
  ug: { family: 'Noto Naskh Arabic', file: 'noto-naskh-arabic.woff2', range: 'U+0600-06FF, U+0750-077F, U+FB50-FDFF, U+FE70-FEFF' },
  bo: { family: 'Noto Serif Tibetan', file: 'noto-serif-tibetan.woff2', range: 'U+0F00-0FFF' },
};

const loadedFonts = new Set<string>();

/** The family of a script's '-name' font: only the language's own name (a few KB), for the language switch. */
export const nameFamily = (family: string): string => `${family} Name`;

function addFontFace(family: string, url: string, range: string, key: string): void {
  const style = document.createElement('style');
  style.dataset.font = key;
  style.textContent = `@font-face{font-family:'${family}';src:url('${url}') format('woff2');unicode-range:${range};font-display:swap}`;
  document.head.appendChild(style);
}

/**
 * Fetch the language's font on demand: weapp through loadFontFace, H5 through an @font-face
 * (limited to the script's unicode-range) added only when the language is in use.
 */
function loadFont(code: LocaleCode): void {
  const font = fontFamilies[code];
  if (!font || loadedFonts.has(font.family)) return;
  const origin = appConfig.apiBaseUrl.replace(/\/api\/v1$/, '');
  if (process.env.TARO_ENV !== 'weapp') {
    if (typeof document === 'undefined') return;
    loadedFonts.add(font.family);
    addFontFace(font.family, `${origin}/fonts/${font.file}`, font.range, font.file);
    return;
  }
  loadedFonts.add(font.family);
  void Taro.loadFontFace({ global: true, family: font.family, source: `url("${origin}/fonts/${font.file}")` }).catch(() =>
    loadedFonts.delete(font.family),
  );
}

function applyDocument(code: LocaleCode): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = code;
  document.documentElement.dir = localeDir[code];
}


/** H5: the '-name' fonts the language switch draws each language's name with (the whole font would be 50-150 KB). */
let namesDeclared = false;
function declareNameFonts(): void {
  if (typeof document === 'undefined' || namesDeclared) return;
  namesDeclared = true;
  const origin = appConfig.apiBaseUrl.replace(/\/api\/v1$/, '');
  for (const font of Object.values(fontFamilies)) {
    addFontFace(nameFamily(font.family), `${origin}/fonts/${font.file.replace(/\.woff2$/, '-name.woff2')}`, font.range, 'names');
  }
}

/**
 * Brings the language's catalog (zh-CN is always there): t() speaks zh-CN until it arrives, then the app
 * redraws its pages (app.ts). Resolves false when it could not arrive (offline before it was ever loaded).
 */
async function loadCatalog(code: LocaleCode): Promise<boolean> {
  try {
    await loadLocale(code);
  } catch {
    return false;
  }
  applyTabBar();
  // H5: the worker keeps the catalog's chunk with the app's other files, for a reload without network.
  keepLoadedFiles();
  return true;
}

/**
 * At start-up: the stored or phone's language on the document, its catalog and its font. In H5 the language
 * switch's names come from the small '-name' fonts; a whole font is fetched only for the language in use.
 */
export function applyActiveLocale(): LocaleCode {
  const code = getActiveLocale();
  applyDocument(code);
  if (code !== 'zh-CN') void loadCatalog(code);
  loadFont(code);
  if (process.env.TARO_ENV !== 'weapp') declareNameFonts();
  return code;
}

/** The user picked a language: keep it on the device and account, then redraw the current page in it. */
export async function switchLocale(code: LocaleCode): Promise<void> {
  // Texts first, so the redrawn page is in the new language (offline and never loaded: zh-CN for now).
  await loadCatalog(code);
  chooseLocale(code);
  applyDocument(code);
  loadFont(code);
  applyTabBar();
  if (getAccessToken()) {
    try {
      saveSubject(await saveAccountLocale(code));
    } catch {
      // The device keeps the choice; the account catches up at the next sign-in.
    }
  }
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1];
  const route = page?.route ? `/${page.route.replace(/^\//, '')}` : '/pages/jobs/index';
  await Taro.reLaunch({ url: route });
}

/** After sign-in: the account's language wins; an account without one takes this device's choice. */
export async function reconcileAccountLocale(subject: AuthSubject): Promise<void> {
  if (subject.locale) {
    if (subject.locale !== getActiveLocale()) {
      void loadCatalog(subject.locale);
      chooseLocale(subject.locale);
      applyDocument(subject.locale);
      loadFont(subject.locale);
      applyTabBar();
    }
    return;
  }
  if (hasChosenLocale()) {
    try {
      saveSubject(await saveAccountLocale(getActiveLocale()));
    } catch {
      // Next sign-in tries again.
    }
  }
}
