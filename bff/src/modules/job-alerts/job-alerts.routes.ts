import { JobAlertInputSchema, MyJobAlertSchema } from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { JobAlertService } from './job-alerts.service';

const WORKER = { roles: ['worker'] } as const;

export function createJobAlertRoutes(alerts: JobAlertService): RouteGroup {
  const routes = routeGroup({ prefix: '/job-alerts', tag: 'job-alerts' });
  routes.get('/me', {
    summary: '我的岗位提醒：关注的工种和地方、提醒方式、最近一次提醒',
    auth: WORKER,
    response: { schema: MyJobAlertSchema },
    handler: ({ ctx }) => alerts.mine(authOf(ctx)),
  });
  routes.put('/me', {
    summary: '订阅岗位提醒（不填工种和地方就用实名登记里想做的工种和地方）；有合适的新岗位时每天最多提醒一次：微信订阅消息，未授权时发短信',
    auth: WORKER,
    idempotency: 'optional',
    request: { body: JobAlertInputSchema },
    response: { schema: MyJobAlertSchema },
    handler: ({ ctx, body }) => alerts.subscribe(authOf(ctx), body),
  });
  routes.delete('/me', {
    summary: '停止岗位提醒',
    auth: WORKER,
    response: { schema: MyJobAlertSchema },
    handler: ({ ctx }) => alerts.stop(authOf(ctx)),
  });
  return routes;
}
