import { ApplicationIdParamsSchema, ApplicationListQuerySchema, ApplicationListResponseSchema, JobApplicationSchema } from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { ApplicationsService } from './applications.service';

export function createApplicationRoutes(service: ApplicationsService): RouteGroup {
  const routes = routeGroup({ prefix: '/applications', tag: 'applications' });

  routes.get('/', {
    summary: '我的岗位报名：已报名 → 已联系 → 已录用 / 未录用 / 已撤回',
    auth: { roles: ['worker'] },
    request: { query: ApplicationListQuerySchema },
    response: { schema: ApplicationListResponseSchema },
    handler: ({ ctx, query }) => service.listMine(authOf(ctx), query),
  });

  routes.post('/:id/withdraw', {
    summary: '撤回报名（录用结果出来前）',
    auth: { roles: ['worker'] },
    request: { params: ApplicationIdParamsSchema },
    response: { schema: JobApplicationSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params }) => service.withdraw(authOf(ctx), params.id),
  });

  return routes;
}
