import { existsSync } from 'node:fs';
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
