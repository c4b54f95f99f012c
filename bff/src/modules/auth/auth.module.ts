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
  routes: RouteGroup[];
}

export function createAuthModule(deps: AuthModuleDeps): AuthModule {
  const clock = deps.clock ?? systemClock;
  const crypto = new FieldCrypto(deps.config.fieldEncryptionKey);
  const tokens = new TokenService({ secret: deps.config.jwtSecret, clock });
  const auth = new AuthService({ tokens, crypto, clock });
  return { clock, crypto, tokens, auth, routes: [createAuthRoutes(auth)] };
}
