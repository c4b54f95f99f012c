import { regionNameFrom, regionPathNameFrom, type MessageKey as SharedMessageKey } from '@zhuanyi/shared';
import { fallback, localeInfo, zhCNInfo, type LazyLocale, type LocaleCode, type LocaleInfo, type PartialCatalog, type SharedCatalog } from './locales';
import { catalogLoaders } from './locales/load';
import type { Catalog } from './locales/zh-CN';

/** Dotted paths to every string in the app catalog, e.g. 'jobs.title'. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type AppMessageKey = Leaves<Catalog>;
/** App keys plus the shared catalog's keys ('error.NOT_FOUND', 'job.mealsAndLodging', ...). */
export type MessageKey = AppMessageKey | SharedMessageKey;
export type MessageParams = Record<string, string | number>;

let current: LocaleCode = 'zh-CN';
/** Catalogs in memory: zh-CN always (it is in the first page), the others once loadLocale has fetched them. */
const loaded: Partial<Record<LocaleCode, LocaleInfo>> = { 'zh-CN': zhCNInfo };
const loading = new Map<LazyLocale, Promise<void>>();
const listeners = new Set<() => void>();
let loadedCount = 1;

/** The language t() speaks; until its catalog has arrived, t() answers in zh-CN (never a raw key). */
export function setLocale(code: LocaleCode): void {
  current = code;
}

export function isLocaleLoaded(code: LocaleCode): boolean {
  return loaded[code] !== undefined;
}

/**
 * Fetches a language's catalog once (H5: its own chunk; weapp: the i18n subpackage). Rejects when it cannot
 * arrive (no network and never loaded): the caller keeps zh-CN and may try again.
 */
export function loadLocale(code: LocaleCode): Promise<void> {
  if (code === 'zh-CN' || loaded[code]) return Promise.resolve();
  const running = loading.get(code);
  if (running) return running;
  const next = Promise.resolve()
    .then(() => catalogLoaders[code]())
    .then((texts) => {
      loaded[code] = localeInfo(code, texts);
      loadedCount += 1;
      listeners.forEach((listener) => listener());
    })
    .finally(() => loading.delete(code));
  loading.set(code, next);
  return next;
}

/** Hears of every catalog that arrives (the app redraws its pages with the new texts). */
export function subscribeCatalogs(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Grows by one with every catalog that arrives: a snapshot for useSyncExternalStore. */
export function catalogsLoaded(): number {
  return loadedCount;
}

export function getLocale(): LocaleCode {
  return current;
}

function lookupNested(catalog: PartialCatalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function lookupFlat(catalog: SharedCatalog, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(catalog, key) ? catalog[key as keyof SharedCatalog] : undefined;
}

function lookup(messages: PartialCatalog, shared: SharedCatalog, key: string): string | undefined {
  return lookupNested(messages, key) ?? lookupFlat(shared, key);
}

/** True when zh-CN has text for this exact key (the completeness test uses it). */
export function hasMessage(key: string): key is MessageKey {
  return lookup(fallback.messages, fallback.shared, key) !== undefined;
}

/** Translate a key, filling `{name}` placeholders. Missing keys show the key itself. */
export function t(key: MessageKey, params?: MessageParams): string {
  return tIn(current, key, params);
}

/** The same in a given language (read-aloud reads the Chinese text where there is no voice for the user's). */
export function tIn(locale: LocaleCode, key: MessageKey, params?: MessageParams): string {
  const active = loaded[locale];
  const text =
    (active ? lookup(active.messages, active.shared, key) : undefined) ??
    lookup(fallback.messages, fallback.shared, key) ??
    key;
  if (!params) return text;
  const rtl = active?.dir === 'rtl';
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return rtl ? isolate(String(value)) : String(value);
  });
}

const NUMBER_LIKE = /^[\d\s+\-–.,:/*%¥元()]+$/;

/**
 * In right-to-left text, a value is isolated so it keeps its own direction: numbers, phones,
 * dates and amounts left to right (LRI…PDI), names by their first strong letter (FSI…PDI).
 */
export function isolate(value: string): string {
  return NUMBER_LIKE.test(value) ? `\u2066${value}\u2069` : `\u2068${value}\u2069`;
}

/** A region's name in the current language where the data has it (the pilot areas), else the Chinese name given. */
export function regionName(code: string, zhName: string, locale: LocaleCode = current): string {
  return regionNameFrom(loaded[locale]?.regions, code) ?? zhName;
}

/**
 * The same for a full name (province first, "内蒙古自治区通辽市科尔沁左翼中旗保康镇保南村"): each level the data
 * has in this language translated, the others (townships, villages) kept in Chinese.
 */
export function regionFullName(code: string, zhFullName: string, locale: LocaleCode = current): string {
  return regionPathNameFrom(loaded[locale]?.regions, code, zhFullName);
}

const listSeparators: Record<LocaleCode, string> = { 'zh-CN': '；', 'mn-Mong': '᠂ ', ug: '؛ ', bo: '། ' };

/** What joins the items of a short list (trades, places, notes) in a language. */
export function listSeparator(locale: LocaleCode = current): string {
  return listSeparators[locale];
}

const itemSeparators: Record<LocaleCode, string> = { 'zh-CN': '、', 'mn-Mong': '᠂ ', ug: '، ', bo: '། ' };

/** What joins a few words in a row (trades, places, demands) in a language: 、 in Chinese. */
export function itemSeparator(locale: LocaleCode = current): string {
  return itemSeparators[locale];
}

/** "label：value" with the language's own colon (Chinese full width, the others ": "). */
export function labelled(label: string, value: string, locale: LocaleCode = current): string {
  return locale === 'zh-CN' ? `${label}：${value}` : `${label}: ${value}`;
}
