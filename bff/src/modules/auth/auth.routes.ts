import {
  AuthSubjectSchema,
  PasswordSignInRequestSchema,
  RefreshRequestSchema,
  SetLocaleRequestSchema,
  SignOutRequestSchema,
  SignOutResponseSchema,
  SmsCodeRequestSchema,
  SmsCodeSentSchema,
  SmsSignInRequestSchema,
  TokenPairSchema,
  WechatPhoneSignInRequestSchema,
  WechatSignInRequestSchema,
} from '@zhuanyi/shared';
import { ANY_ROLE, authOf } from '../../http/auth';
import { LIMITS } from '../../security/abuse-limits';
import { routeGroup, type RouteGroup } from '../../http/route';
import { SignInLockedError, type AuthService } from './auth.service';
import { SmsRateLimitError, type WorkerSignInService } from './worker-sign-in.service';

/** Sign-in (staff by password; workers by WeChat or SMS code), refresh, sign-out and "who am I". */
export function createAuthRoutes(auth: AuthService, workers: WorkerSignInService): RouteGroup {
  const routes = routeGroup({ prefix: '/auth', tag: 'auth' });

  routes.post('/password', {
    summary: '工作人员、经纪人账号密码登录（连续输错后按账号和地址逐步延时，常用设备不受他人输错影响）',
    auth: 'public',
    request: { body: PasswordSignInRequestSchema },
    limits: LIMITS.passwordSignIn,
    response: { schema: TokenPairSchema },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'],
    handler: async ({ body, ctx }) => {
      try {
        return await auth.signInWithPassword(body, ctx.ip);
      } catch (err: unknown) {
        if (err instanceof SignInLockedError) ctx.set('Retry-After', String(err.retryAfterSeconds));
        throw err;
      }
    },
  });

  routes.post('/wechat', {
    summary: '微信小程序登录：wx.login 的 code 换令牌（首次登录自动建号）',
    auth: 'public',
    request: { body: WechatSignInRequestSchema },
    limits: LIMITS.wechatSignIn,
    response: { schema: TokenPairSchema },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'UPSTREAM_FAILED', 'SERVICE_UNAVAILABLE'],
    handler: ({ body }) => workers.signInWithWechatCode(body.code),
  });

  routes.post('/wechat/phone', {
    summary: '微信手机号快捷登录：手机号按钮的 code（可带 wx.login 的 code 绑定微信）',
    auth: 'public',
    request: { body: WechatPhoneSignInRequestSchema },
    limits: LIMITS.wechatSignIn,
    response: { schema: TokenPairSchema },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'UPSTREAM_FAILED', 'SERVICE_UNAVAILABLE'],
    handler: ({ body }) => workers.signInWithWechatPhone(body.phoneCode, body.loginCode),
  });

  routes.post('/sms/code', {
    summary: '发送短信验证码（5分钟有效；同一手机号60秒1次、每天最多10次）',
    auth: 'public',
    request: { body: SmsCodeRequestSchema },
    limits: LIMITS.smsCode,
    response: { schema: SmsCodeSentSchema },
    errors: ['RATE_LIMITED', 'UPSTREAM_FAILED'],
    handler: async ({ body, ctx }) => {
      try {
        return await workers.sendSmsCode(body.phone);
      } catch (err: unknown) {
        if (err instanceof SmsRateLimitError) ctx.set('Retry-After', String(err.retryAfterSeconds));
        throw err;
      }
    },
  });

  routes.post('/sms', {
    summary: '手机号 + 短信验证码登录（输错5次验证码作废）',
    auth: 'public',
    request: { body: SmsSignInRequestSchema },
    limits: LIMITS.smsSignIn,
    response: { schema: TokenPairSchema },
    errors: ['RATE_LIMITED', 'FORBIDDEN'],
    handler: ({ body }) => workers.signInWithSmsCode(body.phone, body.code),
  });

  routes.post('/refresh', {
    summary: '用刷新令牌换新令牌（旧刷新令牌作废；重复使用会使整组令牌失效）',
    auth: 'public',
    request: { body: RefreshRequestSchema },
    limits: LIMITS.refresh,
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

  routes.put('/me/locale', {
    summary: '保存本人的界面语言（中文、蒙古文、维吾尔文、藏文），换手机登录也用它',
    auth: { roles: ANY_ROLE },
    request: { body: SetLocaleRequestSchema },
    response: { schema: AuthSubjectSchema },
    errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED'],
    handler: ({ body, ctx }) => auth.setLocale(authOf(ctx), body.locale),
  });

  return routes;
}
