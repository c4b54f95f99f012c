import { zhCN as sharedZhCN, type LocaleCode, type RegionNames } from '@zhuanyi/shared';
import { zhCN, type Catalog } from './zh-CN';
import { mnMong } from './mn-Mong';
import { ug } from './ug';
import { bo } from './bo';

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

export interface LocaleInfo {
  code: LocaleCode;
  /** Uyghur (Arabic script) is written right to left. */
  dir: 'ltr' | 'rtl';
  /** The app's nested texts. */
  messages: PartialCatalog;
  /** Texts for the shared flat keys (error codes, validation, labels). */
  shared: SharedCatalog;
  /** Region names by code where this language has them (others show in Chinese). */
  regions?: RegionNames;
}

/** Registered catalogs; keys a language lacks (staff and broker pages) fall back to zh-CN. */
export const locales: Record<LocaleCode, LocaleInfo> = {
  'zh-CN': { code: 'zh-CN', dir: 'ltr', messages: zhCN, shared: sharedZhCN },
  'mn-Mong': { code: 'mn-Mong', dir: 'ltr', ...mnMong },
  ug: { code: 'ug', dir: 'rtl', ...ug },
  bo: { code: 'bo', dir: 'ltr', ...bo },
};

export const fallback: { messages: Catalog; shared: typeof sharedZhCN } = { messages: zhCN, shared: sharedZhCN };
