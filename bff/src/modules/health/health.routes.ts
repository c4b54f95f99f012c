import { HealthResponseSchema, ReadyResponseSchema } from '@zhuanyi/shared';
import { ServiceUnavailableError } from '../../http/errors';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { Database } from '../../db/connection';

/** /healthz: the process answers. /readyz: the database answers a ping too. */
export function createHealthRoutes(db: Pick<Database, 'kind' | 'ping'>): RouteGroup {
  const routes = routeGroup({ prefix: '', tag: 'health' });
  routes.get('/healthz', {
    auth: 'public',
    summary: '进程存活检查',
    response: { schema: HealthResponseSchema },
    handler: () => ({ status: 'ok' as const }),
  });
  routes.get('/readyz', {
    auth: 'public',
    summary: '就绪检查：数据库可用',
    response: { schema: ReadyResponseSchema },
    errors: ['SERVICE_UNAVAILABLE'],
    handler: async () => {
      try {
        await db.ping();
      } catch (err: unknown) {
        throw new ServiceUnavailableError(err);
      }
      return { status: 'ready' as const, database: db.kind };
    },
  });
  return routes;
}
