import {
  ClaimableRecordListSchema,
  IdParamsSchema,
  OwnershipConflictDecisionSchema,
  OwnershipConflictListSchema,
  OwnershipConflictSchema,
  WorkerClaimRequestSchema,
  WorkerIdParamsSchema,
  WorkerRegistrationInputSchema,
  WorkerRegistrationResultSchema,
  WorkerRegistrationSchema,
} from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { WorkerService } from './workers.service';
import type { OwnershipConflictsService } from './ownership-conflicts.service';

export function createWorkerRoutes(workers: WorkerService): RouteGroup {
  const routes = routeGroup({ prefix: '/workers', tag: 'workers' });

  routes.get('/me', {
    summary: '我的实名登记（身份证号、手机号打码）',
    auth: { roles: ['worker'] },
    response: { schema: WorkerRegistrationSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx }) => workers.getMine(authOf(ctx)),
  });

  routes.put('/me', {
    summary: '填写或修改我的实名登记（须先同意隐私说明和敏感个人信息处理；重复登记即更新；经纪人或工作人员代登记的信息，用登记手机号验证登录后自动认领）',
    description: '必须带 Idempotency-Key：网络断开后用同一个 key 重新提交，只会有一条登记、得到同样的结果。',
    auth: { roles: ['worker'] },
    idempotency: 'required',
    request: { body: WorkerRegistrationInputSchema },
    response: { schema: WorkerRegistrationResultSchema },
    errors: ['CONFLICT', 'FORBIDDEN'],
    handler: ({ body, ctx }) => workers.saveMine(authOf(ctx), body),
  });

  routes.get('/me/claimable', {
    summary: '别人用我登录的手机号代我登记、还没认领的信息（姓名打码、户籍村、谁登记的；认领须再填身份证号）',
    auth: { roles: ['worker'] },
    response: { schema: ClaimableRecordListSchema },
    handler: ({ ctx }) => workers.claimableMine(authOf(ctx)),
  });

  routes.post('/me/claim', {
    summary: '认领经纪人或工作人员代登记的信息（身份证号 + 登记手机号，且已用该手机号验证登录；不填手机号即用登录时验证的手机号）',
    auth: { roles: ['worker'] },
    idempotency: 'optional',
    request: { body: WorkerClaimRequestSchema },
    response: { schema: WorkerRegistrationResultSchema },
    errors: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
    handler: ({ body, ctx }) => workers.claimMine(authOf(ctx), body),
  });

  routes.post('/', {
    summary: '经纪人或工作人员代为登记（已有登记则更新；限本人负责地区）',
    auth: { roles: ['broker', 'staff'] },
    idempotency: 'required',
    request: { body: WorkerRegistrationInputSchema },
    response: { schema: WorkerRegistrationResultSchema },
    errors: ['FORBIDDEN', 'CONFLICT'],
    handler: ({ body, ctx }) => workers.saveForSomeone(authOf(ctx), body),
  });

  routes.get('/:id', {
    summary: '查看一条登记（工作人员限本地区；经纪人限本人代登记的）',
    auth: { roles: ['broker', 'staff', 'admin'] },
    request: { params: WorkerIdParamsSchema },
    response: { schema: WorkerRegistrationSchema },
    errors: ['NOT_FOUND'],
    handler: ({ params, ctx }) => workers.getForStaff(authOf(ctx), params.id),
  });

  return routes;
}

/** ID squatting: registrations whose ID number another login holds, for staff to settle in person. */
export function createOwnershipConflictRoutes(service: OwnershipConflictsService): RouteGroup {
  const routes = routeGroup({ prefix: '/staff/ownership-conflicts', tag: 'workers' });
  routes.get('/', {
    summary: '身份证号被其他账号登记的待核实申请（本地区；核验本人身份证后可把登记还给本人）',
    auth: { roles: ['staff', 'admin'] },
    response: { schema: OwnershipConflictListSchema },
    handler: ({ ctx }) => service.list(authOf(ctx)),
  });
  routes.post('/:id/decision', {
    summary: '处理一条待核实申请：当面核验身份证后归还登记（grant），或维持原登记（refuse）；记入审计日志',
    auth: { roles: ['staff', 'admin'] },
    request: { params: IdParamsSchema, body: OwnershipConflictDecisionSchema },
    response: { schema: OwnershipConflictSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => service.decide(authOf(ctx), params.id, body),
  });
  return routes;
}
