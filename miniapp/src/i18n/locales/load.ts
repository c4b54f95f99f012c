import type { LazyLocale, LocaleTexts } from './index';

/** WeChat's own require: `require.async` loads a file of another (sub)package, downloading it first if needed. */
declare const __non_webpack_require__: { async(path: string): Promise<LocaleTexts> };

/**
 * How each on-demand catalog arrives. H5: a dynamic import, one chunk per language (i18n-<code>.<hash>.js).
 * weapp: the `i18n` subpackage that scripts/write-weapp-catalogs.mjs adds after the build, through
 * require.async (WeChat's 分包异步化): no catalog but zh-CN weighs on the main package.
 * The branch is chosen at build time, so each platform's bundle holds only its own loaders.
 */
export const catalogLoaders: Record<LazyLocale, () => Promise<LocaleTexts>> =
  process.env.TARO_ENV === 'weapp'
    ? {
        'mn-Mong': () => __non_webpack_require__.async('./i18n/mn-Mong.js'),
        ug: () => __non_webpack_require__.async('./i18n/ug.js'),
        bo: () => __non_webpack_require__.async('./i18n/bo.js'),
      }
    : {
        'mn-Mong': () => import(/* webpackChunkName: "i18n-mn-Mong" */ './mn-Mong').then((m) => m.mnMong),
        ug: () => import(/* webpackChunkName: "i18n-ug" */ './ug').then((m) => m.ug),
        bo: () => import(/* webpackChunkName: "i18n-bo" */ './bo').then((m) => m.bo),
      };
