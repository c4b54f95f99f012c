/** Outcomes and job history of one person (staff of the person's region). */
import { IdParamsSchema, JobHistoryListSchema, OutcomeInputSchema } from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { OutcomeService } from './outcomes.service';

const STAFF = { roles: ['staff', 'admin'] } as const;

export function createOutcomeRoutes(outcomes: OutcomeService): RouteGroup {
  const g = routeGroup({ prefix: '/registry', tag: 'registry' });
  g.post('/workers/:id/outcomes', {
    summary: '确认就业结果（到岗、离岗、返乡、自主创业、公益性岗位）：更新就业状态、地点和起止时间，记入就业履历',
    auth: STAFF,
    idempotency: 'optional',
    request: { params: IdParamsSchema, body: OutcomeInputSchema },
    response: { schema: JobHistoryListSchema, status: 201 },
    errors: ['NOT_FOUND'],
    handler: async ({ ctx, params, body }) => ({ items: await outcomes.recordForStaff(authOf(ctx), params.id, body) }),
  });
  g.get('/workers/:id/history', {
    summary: '就业履历：每次到岗、离岗、返乡、创业、公益性岗位及导入、对接记录',
    auth: STAFF,
    request: { params: IdParamsSchema },
    response: { schema: JobHistoryListSchema },
    errors: ['NOT_FOUND'],
    handler: async ({ ctx, params }) => ({ items: await outcomes.history(authOf(ctx), params.id) }),
  });
  return g;
}
