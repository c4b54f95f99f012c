import { AuditListSchema, AuditQuerySchema } from '@zhuanyi/shared';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { AuditService } from './audit.service';

export function createAuditRoutes(audit: AuditService): RouteGroup {
  const routes = routeGroup({ prefix: '/audit', tag: 'audit' });
  routes.get('/', {
    summary: '审计日志查询（谁、何时、做了什么、为什么）：查看完整个人信息和工作人员的每次修改',
    auth: { roles: ['admin'] },
    request: { query: AuditQuerySchema },
    response: { schema: AuditListSchema },
    handler: ({ query }) => audit.search(query),
  });
  return routes;
}
