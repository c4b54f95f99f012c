import {
  EntitlementDecisionSchema,
  EntitlementIdParamsSchema,
  EntitlementListQuerySchema,
  EntitlementListSchema,
  EntitlementSchema,
  SubsidyExportQuerySchema,
  SubsidyRuleInputSchema,
  SubsidyRuleKeyParamsSchema,
  SubsidyRuleListQuerySchema,
  SubsidyRuleListSchema,
  SubsidyRuleSchema,
  GrantIdParamsSchema,
  ReadyToPayListSchema,
  WorkerGrantListSchema,
  WorkerGrantSchema,
} from '@zhuanyi/shared';
import { ANY_ROLE, authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import { SpreadsheetBytesSchema } from '../brokers/brokers.routes';
import type { GrantService } from './grants.service';
import type { SubsidyService } from './subsidies.service';

export function createSubsidyRoutes(subsidies: SubsidyService, grants: GrantService): RouteGroup[] {
  const rules = routeGroup({ prefix: '/subsidy-rules', tag: 'subsidies' });
  rules.get('/', {
    summary: '补贴规则（按地区；金额为分，分期、条件、限制、排除情形）',
    auth: { roles: ANY_ROLE },
    request: { query: SubsidyRuleListQuerySchema },
    response: { schema: SubsidyRuleListSchema },
    handler: async ({ query }) => ({ items: await subsidies.listRules(query.regionCode) }),
  });
  rules.put('/:key', {
    summary: '新建或修改一条补贴规则（工作人员限本地区，留审计记录）',
    auth: { roles: ['staff', 'admin'] },
    request: { params: SubsidyRuleKeyParamsSchema, body: SubsidyRuleInputSchema },
    response: { schema: SubsidyRuleSchema },
    errors: ['FORBIDDEN'],
    handler: ({ ctx, params, body }) => subsidies.saveRule(authOf(ctx), params.key, body),
  });

  const ledger = routeGroup({ prefix: '/subsidies', tag: 'subsidies' });
  ledger.get('/', {
    summary: '本地区的补贴台账（工作人员审核用）',
    auth: { roles: ['staff', 'admin'] },
    request: { query: EntitlementListQuerySchema },
    response: { schema: EntitlementListSchema },
    handler: ({ ctx, query }) => subsidies.list({ regionScope: authOf(ctx).role === 'admin' ? null : authOf(ctx).regionScope }, query),
  });
  ledger.get('/export', {
    summary: '导出一段时间内审核通过的补贴（xlsx，交财务）',
    auth: { roles: ['staff', 'admin'] },
    request: { query: SubsidyExportQuerySchema },
    response: { schema: SpreadsheetBytesSchema },
    handler: async ({ ctx, query }) => {
      const file = await subsidies.exportApproved(authOf(ctx), query);
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.attachment(file.filename);
      return file.body;
    },
  });
  ledger.get('/ready-to-pay', {
    summary: '免申即享：数据已证明符合条件（已到期、重点群体身份已核实）的个人补贴，可直接审核发放',
    auth: { roles: ['staff', 'admin'] },
    response: { schema: ReadyToPayListSchema },
    handler: ({ ctx }) => grants.readyToPay(authOf(ctx)),
  });
  ledger.post('/:id/decisions', {
    summary: '审核补贴申领：通过、不通过（须写明理由）或标记已发放；留审计记录',
    auth: { roles: ['staff', 'admin'] },
    request: { params: EntitlementIdParamsSchema, body: EntitlementDecisionSchema },
    response: { schema: EntitlementSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => subsidies.decide(authOf(ctx), params.id, body),
  });
  const mine = routeGroup({ prefix: '/workers/me/grants', tag: 'subsidies' });
  mine.get('/', {
    summary: '我的补贴：一次性求职补贴、交通补助、培训生活费等，显示状态，需要申请的可申请',
    auth: { roles: ['worker'] },
    response: { schema: WorkerGrantListSchema },
    handler: ({ ctx }) => grants.mine(authOf(ctx)),
  });
  mine.post('/:id/claim', {
    summary: '申领一笔到期的个人补贴（重复提交只算一次）',
    auth: { roles: ['worker'] },
    idempotency: 'optional',
    request: { params: GrantIdParamsSchema },
    response: { schema: WorkerGrantSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params }) => grants.claim(authOf(ctx), params.id),
  });
  return [rules, ledger, mine];
}
