import {
  WorkerClaimRequestSchema,
  WorkerIdParamsSchema,
  WorkerRegistrationInputSchema,
  WorkerRegistrationResultSchema,
  WorkerRegistrationSchema,
} from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { WorkerService } from './workers.service';

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

  routes.post('/me/claim', {
    summary: '认领经纪人或工作人员代登记的信息（身份证号 + 登记手机号，且已用该手机号验证登录）',
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
