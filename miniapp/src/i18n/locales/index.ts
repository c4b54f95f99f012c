import { zhCN, type Catalog } from './zh-CN';

/** Locales the product plans to serve: Simplified Chinese, Mongolian, Uyghur, Tibetan. */
export type LocaleCode = 'zh-CN' | 'mn' | 'ug' | 'bo';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };
export type PartialCatalog = DeepPartial<Catalog>;

export interface LocaleInfo {
  code: LocaleCode;
  /** Uyghur (Arabic script) is written right to left. */
  dir: 'ltr' | 'rtl';
  messages: PartialCatalog;
}

/**
 * Registered catalogs. To add a language, write locales/<code>.ts typed as PartialCatalog
 * and register it here; keys it lacks fall back to zh-CN.
 */
export const locales: Partial<Record<LocaleCode, LocaleInfo>> = {
  'zh-CN': { code: 'zh-CN', dir: 'ltr', messages: zhCN },
};

export const fallbackCatalog: Catalog = zhCN;
