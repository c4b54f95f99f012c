/**
 * Builds the security services once per app: field crypto, tokens, the authenticator and the
 * sign-in routes. Other modules take what they need from here (crypto, clock).
 */
import type { Config } from '../../config/env';
import type { Logger } from '../../logging/logger';
import type { RouteGroup } from '../../http/route';
import { systemClock, type Clock } from '../../security/clock';
import { FieldCrypto } from '../../security/field-crypto';
import { TokenService } from '../../security/tokens';
import { AuthService } from './auth.service';
import { createAuthRoutes } from './auth.routes';
import { WorkerSignInService } from './worker-sign-in.service';
import { WechatClient } from '../../integrations/wechat/wechat.client';
import { createSmsProvider } from '../../integrations/sms/sms.provider';

export interface AuthModuleDeps {
  config: Config;
  logger: Logger;
  clock?: Clock;
}

export interface AuthModule {
  clock: Clock;
  crypto: FieldCrypto;
  tokens: TokenService;
  auth: AuthService;
  workerSignIn: WorkerSignInService;
  routes: RouteGroup[];
}

export function createAuthModule(deps: AuthModuleDeps): AuthModule {
  const clock = deps.clock ?? systemClock;
  const crypto = new FieldCrypto(deps.config.fieldEncryptionKey);
  const tokens = new TokenService({ secret: deps.config.jwtSecret, clock });
  const auth = new AuthService({ tokens, crypto, clock });
  const { appId, secret, baseUrl } = deps.config.wechat;
  const wechat = appId && secret ? new WechatClient({ baseUrl, appId, secret, clock }) : undefined;
  const sms = createSmsProvider(deps.config, deps.logger);
  const workerSignIn = new WorkerSignInService({ auth, crypto, clock, sms, wechat });
  return { clock, crypto, tokens, auth, workerSignIn, routes: [createAuthRoutes(auth, workerSignIn)] };
}
