import { fallbackCatalog, locales, type LocaleCode, type PartialCatalog } from './locales';
import type { Catalog } from './locales/zh-CN';

/** Dotted paths to every string in the catalog, e.g. 'jobs.title'. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Catalog>;
export type MessageParams = Record<string, string | number>;

let current: LocaleCode = 'zh-CN';

export function setLocale(code: LocaleCode): void {
  if (locales[code]) current = code;
}

export function getLocale(): LocaleCode {
  return current;
}

function lookup(catalog: PartialCatalog | Catalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** True when the zh-CN catalog has this exact key (used by tests and dynamic keys). */
export function hasMessage(key: string): key is MessageKey {
  return lookup(fallbackCatalog, key) !== undefined;
}

/** Translate a key, filling `{name}` placeholders. Missing keys show the key itself. */
export function t(key: MessageKey, params?: MessageParams): string {
  const active = locales[current]?.messages;
  const text = (active && lookup(active, key)) ?? lookup(fallbackCatalog, key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
