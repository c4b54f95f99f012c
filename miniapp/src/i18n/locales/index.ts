import { zhCN as sharedZhCN } from '@zhuanyi/shared';
import { zhCN, type Catalog } from './zh-CN';

/** Locales the product plans to serve: Simplified Chinese, Mongolian, Uyghur, Tibetan. */
export type LocaleCode = 'zh-CN' | 'mn' | 'ug' | 'bo';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };
export type PartialCatalog = DeepPartial<Catalog>;
export type SharedCatalog = Partial<Record<keyof typeof sharedZhCN, string>>;

export interface LocaleInfo {
  code: LocaleCode;
  /** Uyghur (Arabic script) is written right to left. */
  dir: 'ltr' | 'rtl';
  /** The app's nested texts. */
  messages: PartialCatalog;
  /** Texts for the shared flat keys (error codes, validation, labels). */
  shared: SharedCatalog;
}

/**
 * Registered catalogs. To add a language, write locales/<code>.ts with both parts
 * and register it here; keys it lacks fall back to zh-CN.
 */
export const locales: Partial<Record<LocaleCode, LocaleInfo>> = {
  'zh-CN': { code: 'zh-CN', dir: 'ltr', messages: zhCN, shared: sharedZhCN },
};

export const fallback: { messages: Catalog; shared: typeof sharedZhCN } = { messages: zhCN, shared: sharedZhCN };
