import type { LocaleCode } from '@zhuanyi/shared';
import { localeInfo, zhCNInfo, type LocaleInfo } from './index';
import { mnMong } from './mn-Mong';
import { ug } from './ug';
import { bo } from './bo';

/**
 * Every catalog at once, for tests and tools only. The app never imports this file: it loads the
 * catalogs other than zh-CN on demand (load.ts), keeping them out of the first page.
 */
export const allLocales: Record<LocaleCode, LocaleInfo> = {
  'zh-CN': zhCNInfo,
  'mn-Mong': localeInfo('mn-Mong', mnMong),
  ug: localeInfo('ug', ug),
  bo: localeInfo('bo', bo),
};
