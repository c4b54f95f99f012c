import {
  AuthSubjectSchema,
  PasswordSignInRequestSchema,
  RefreshRequestSchema,
  SignOutRequestSchema,
  SignOutResponseSchema,
  TokenPairSchema,
} from '@zhuanyi/shared';
import { ANY_ROLE, authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import { SignInLockedError, type AuthService } from './auth.service';

/** Sign-in, refresh, sign-out and "who am I". Worker sign-in routes are added by the auth module. */
export function createAuthRoutes(auth: AuthService): RouteGroup {
  const routes = routeGroup({ prefix: '/auth', tag: 'auth' });

  routes.post('/password', {
    summary: '工作人员、经纪人账号密码登录（连续输错5次锁定15分钟）',
    auth: 'public',
    request: { body: PasswordSignInRequestSchema },
    response: { schema: TokenPairSchema },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'],
    handler: async ({ body, ctx }) => {
      try {
        return await auth.signInWithPassword(body);
      } catch (err: unknown) {
        if (err instanceof SignInLockedError) ctx.set('Retry-After', String(err.retryAfterSeconds));
        throw err;
      }
    },
  });

  routes.post('/refresh', {
    summary: '用刷新令牌换新令牌（旧刷新令牌作废；重复使用会使整组令牌失效）',
    auth: 'public',
    request: { body: RefreshRequestSchema },
    response: { schema: TokenPairSchema },
    errors: ['UNAUTHENTICATED'],
    handler: ({ body }) => auth.refresh(body.refreshToken),
  });

  routes.post('/sign-out', {
    summary: '退出登录：作废这次登录的刷新令牌',
    auth: 'public',
    request: { body: SignOutRequestSchema },
    response: { schema: SignOutResponseSchema },
    handler: async ({ body }) => {
      await auth.signOut(body.refreshToken);
      return { signedOut: true as const };
    },
  });

  routes.get('/me', {
    summary: '当前登录的人',
    auth: { roles: ANY_ROLE },
    response: { schema: AuthSubjectSchema },
    errors: ['UNAUTHENTICATED'],
    handler: ({ ctx }) => auth.me(authOf(ctx)),
  });

  return routes;
}
