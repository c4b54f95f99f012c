import { ConsentGrantSchema, ConsentPurposeParamsSchema, MyConsentsSchema } from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { ConsentService } from './consents.service';

export function createConsentRoutes(consents: ConsentService): RouteGroup {
  const routes = routeGroup({ prefix: '/consents', tag: 'consents' });

  routes.get('/me', {
    summary: '我的授权同意（隐私说明、敏感个人信息）：当前是否有效和每次同意、撤回的时间',
    auth: { roles: ['worker'] },
    response: { schema: MyConsentsSchema },
    handler: ({ ctx }) => consents.mine(authOf(ctx)),
  });

  routes.post('/me', {
    summary: '同意隐私说明和（单独）处理敏感个人信息；记录时间和说明版本，重复同意不会重复记录',
    auth: { roles: ['worker'] },
    idempotency: 'optional',
    request: { body: ConsentGrantSchema },
    response: { schema: MyConsentsSchema },
    handler: ({ body, ctx }) => consents.grant(authOf(ctx), body),
  });

  routes.delete('/me/:purpose', {
    summary: '撤回同意（撤回隐私说明同时撤回敏感个人信息）；撤回后不能再提交或修改实名登记',
    auth: { roles: ['worker'] },
    request: { params: ConsentPurposeParamsSchema },
    response: { schema: MyConsentsSchema },
    handler: ({ params, ctx }) => consents.withdraw(authOf(ctx), params.purpose),
  });

  return routes;
}
