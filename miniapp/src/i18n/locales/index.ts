import { zhCN as sharedZhCN, localeDir, type LocaleCode, type RegionNames } from '@zhuanyi/shared';
import { zhCN, type Catalog } from './zh-CN';

export type { LocaleCode };

type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };
/** Same shape as T with every text required (a translation must cover every key). */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
export type PartialCatalog = DeepPartial<Catalog>;
export type SharedCatalog = Partial<Record<keyof typeof sharedZhCN, string>>;

/** Sections only staff and brokers see: they stay Chinese. */
export const staffSections = ['broker', 'staff', 'progress'] as const;
/** The worker's pages: every language translates all of it (checked by tsc and the completeness test). */
export type WorkerCatalog = Translation<Omit<Catalog, (typeof staffSections)[number]>>;

/** What a language's catalog module exports (mn-Mong.ts, ug.ts, bo.ts). */
export interface LocaleTexts {
  /** The app's nested texts. */
  messages: PartialCatalog;
  /** Texts for the shared flat keys (error codes, validation, labels). */
  shared: SharedCatalog;
  /** Region names by code where this language has them (others show in Chinese). */
  regions?: RegionNames;
}

export interface LocaleInfo extends LocaleTexts {
  code: LocaleCode;
  /** Uyghur (Arabic script) is written right to left. */
  dir: 'ltr' | 'rtl';
}

/** Languages whose catalogs load on demand (own H5 chunks, the weapp's i18n subpackage): only zh-CN is in the first page. */
export type LazyLocale = Exclude<LocaleCode, 'zh-CN'>;

export function localeInfo(code: LocaleCode, texts: LocaleTexts): LocaleInfo {
  return { code, dir: localeDir[code], ...texts };
}

export const fallback: { messages: Catalog; shared: typeof sharedZhCN } = { messages: zhCN, shared: sharedZhCN };
export const zhCNInfo: LocaleInfo = localeInfo('zh-CN', fallback);
