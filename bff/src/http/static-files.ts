import { existsSync } from 'node:fs';
import { send } from '@koa/send';
import type { AppMiddleware } from './context';

/** Serves the H5 build at `/` when the folder exists; API paths never fall through to it. */
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
        maxAge: ctx.path === '/' || ctx.path.endsWith('.html') ? 0 : 7 * 24 * 3600_000,
      });
    } catch (err: unknown) {
      const status = err !== null && typeof err === 'object' ? Reflect.get(err, 'status') : undefined;
      if (status !== 404) throw err;
    }
  };
}
