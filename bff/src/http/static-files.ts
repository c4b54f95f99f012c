import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { send } from '@koa/send';
import type { AppMiddleware } from './context';

const YEAR_MS = 365 * 24 * 3600_000;
/** Built names carry a content hash (js/app.1a2b3c4d.js, config/index.ts): they never change, so they are cached for a year. */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;
/** Asked afresh every time (revalidated): the page and the service worker name the hashed files. */
const ALWAYS_FRESH = /(^\/$|\.html$|\/sw\.js$)/;

/**
 * Serves the H5 build at `/` when the folder exists; API paths never fall through to it. Files
 * precompressed at build (miniapp/scripts/precompress.mjs: .br, .gz) are answered to clients that
 * accept them.
 */
export function serveH5(root: string): AppMiddleware {
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return;
    if (ctx.path.startsWith('/api/') || !existsSync(root)) return;
    try {
      await send(ctx, ctx.path, {
        root,
        index: 'index.html',
        brotli: true,
        gzip: true,
        ...(HASHED.test(ctx.path) ? { maxAge: YEAR_MS, immutable: true } : { maxAge: ALWAYS_FRESH.test(ctx.path) ? 0 : 7 * 24 * 3600_000 }),
      });
      if (ALWAYS_FRESH.test(ctx.path)) ctx.set('Cache-Control', 'no-cache');
      ctx.vary('Accept-Encoding');
    } catch (err: unknown) {
      const status = err !== null && typeof err === 'object' ? Reflect.get(err, 'status') : undefined;
      if (status !== 404) throw err;
    }
  };
}

/** Web fonts for Mongolian, Uyghur and Tibetan (bff/static/fonts), fetched only when a page needs them. */
export const FONTS_DIR = resolve(__dirname, '../../static/fonts');

/** Serves `/fonts/*.woff2` with long caching; the weapp's loadFontFace fetches them cross-origin. */
export function serveFonts(root: string = FONTS_DIR): AppMiddleware {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/fonts/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || !/^\/fonts\/[\w.-]+\.woff2$/.test(ctx.path)) {
      return next();
    }
    ctx.set('Access-Control-Allow-Origin', '*');
    try {
      await send(ctx, ctx.path.slice('/fonts'.length), { root, maxAge: 30 * 24 * 3600_000, immutable: true });
      ctx.type = 'font/woff2';
    } catch (err: unknown) {
      const status = err !== null && typeof err === 'object' ? Reflect.get(err, 'status') : undefined;
      if (status !== 404) throw err;
      return next();
    }
  };
}
