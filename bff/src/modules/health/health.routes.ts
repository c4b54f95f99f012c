import { HealthResponseSchema, ReadyResponseSchema } from '@zhuanyi/shared';
import { ServiceUnavailableError } from '../../http/errors';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { Database } from '../../db/connection';
import { WRONG_FIELD_KEY_MESSAGE, type FieldKeyState } from '../../security/field-key-check';

/** /healthz: the process answers. /readyz: the database answers a ping, and FIELD_ENCRYPTION_KEY opens its data. */
export function createHealthRoutes(db: Pick<Database, 'kind' | 'ping'>, fieldKey?: () => Promise<FieldKeyState>): RouteGroup {
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
      if (fieldKey && (await fieldKey()) !== 'ok') throw new ServiceUnavailableError(new Error(WRONG_FIELD_KEY_MESSAGE));
      return { status: 'ready' as const, database: db.kind };
    },
  });
  return routes;
}
