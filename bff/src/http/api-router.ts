import Router from '@koa/router';
import type { Context } from 'koa';
import { AppError } from './errors';
import type { AppState } from './context';
import type { MountedGroup } from './openapi';
import type { RouteGroup } from './route';

export const API_V1 = '/api/v1';

function groupRouter(group: RouteGroup): Router<AppState, Context> {
  const router = new Router<AppState, Context>({ prefix: group.prefix });
  for (const route of group.routes) router[route.method](route.routePath, ...route.middleware);
  return router;
}

/** Mounts each group under its base path (module groups under /api/v1). */
export function buildRouter(mounted: readonly MountedGroup[]): Router<AppState, Context> {
  const root = new Router<AppState, Context>();
  const bases = new Map<string, Router<AppState, Context>>();
  for (const { basePath, group } of mounted) {
    let base = bases.get(basePath);
    if (!base) {
      base = new Router<AppState, Context>(basePath ? { prefix: basePath } : {});
      bases.set(basePath, base);
    }
    base.use(groupRouter(group).routes());
  }
  for (const base of bases.values()) root.use(base.routes());
  return root;
}

/** 405 METHOD_NOT_ALLOWED for a known path with another method; use after `router.routes()`. */
export function methodNotAllowed(router: Router<AppState, Context>) {
  const answer = () => new AppError('METHOD_NOT_ALLOWED');
  return router.allowedMethods({ throw: true, methodNotAllowed: answer, notImplemented: answer });
}
