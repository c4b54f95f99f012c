import { z } from 'zod';

/** UI languages: Simplified Chinese, Mongolian (traditional script), Uyghur (Arabic script), Tibetan. */
export const LocaleCodes = ['zh-CN', 'mn-Mong', 'ug', 'bo'] as const;
export const LocaleSchema = z.enum(LocaleCodes).meta({ id: 'Locale' });
export type LocaleCode = z.infer<typeof LocaleSchema>;

export const DEFAULT_LOCALE: LocaleCode = 'zh-CN';

/** Writing direction of each language; Uyghur is right to left. */
export const localeDir: Record<LocaleCode, 'ltr' | 'rtl'> = { 'zh-CN': 'ltr', 'mn-Mong': 'ltr', ug: 'rtl', bo: 'ltr' };

/** Each language's own name, shown in the language switch. */
export const localeNames: Record<LocaleCode, string> = {
  'zh-CN': '中文',
  'mn-Mong': 'ᠮᠣᠩᠭᠣᠯ',
  ug: 'ئۇيغۇرچە',
  bo: 'བོད་ཡིག',
};

/**
 * The UI language for a phone or browser language tag ('mn', 'mn-CN', 'ug-CN', 'bo', 'zh-Hans-CN' ...),
 * or null when it is none of ours. Cyrillic Mongolian (mn-Cyrl, mn-MN) is not served.
 */
export function matchLocale(tag: string | null | undefined): LocaleCode | null {
  if (!tag) return null;
  const [lang, ...rest] = tag.replace(/_/g, '-').toLowerCase().split('-');
  if (lang === 'zh') return 'zh-CN';
  if (lang === 'ug') return 'ug';
  if (lang === 'bo') return 'bo';
  if (lang === 'mn') return rest.includes('cyrl') || rest.includes('mn') ? null : 'mn-Mong';
  return null;
}

export const SetLocaleRequestSchema = z.object({ locale: LocaleSchema }).meta({ id: 'SetLocaleRequest' });
export type SetLocaleRequest = z.infer<typeof SetLocaleRequestSchema>;
