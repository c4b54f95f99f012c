/**
 * Authentication and role checks.
 *
 * `authentication(authenticator)` sits once in the app and lets routes resolve the bearer token
 * on demand; each route declares its rule beside itself (`auth: 'public' | { roles }`, see route.ts)
 * and `authorize(rule)` enforces it before the input is even parsed: no token or a bad one → 401,
 * a role not listed → 403. Handlers read the caller with `authOf(ctx)`.
 */
import type { Context } from 'koa';
import type { RouterMiddleware } from '@koa/router';
import type { Role } from '@zhuanyi/shared';
import type { AppContext, AppMiddleware, AppState } from './context';
import { ForbiddenError, UnauthenticatedError } from './errors';

/** Who is calling, as every handler sees it. */
export interface AuthContext {
  /** Account id (staff side) or worker login id. */
  subjectId: string;
  role: Role;
  /** County or township code the subject acts in; null = everywhere (admin) or not scoped (worker). */
  regionScope: string | null;
  /** The worker's registration record, when the subject is a worker who has one. */
  workerId?: string;
}

/** `'public'`: anyone. `{ roles }`: a signed-in subject with one of these roles. */
export type AuthRule = 'public' | { readonly roles: readonly Role[] };

/** Turns a bearer token into the caller; throws UnauthenticatedError for anything not valid now. */
export interface Authenticator {
  authenticate(token: string): Promise<AuthContext>;
}

declare module './context' {
  interface AppState {
    /** Set by `authorize()` on routes that require a role. */
    auth?: AuthContext;
    /** Set by `authentication()`. */
    authenticator?: Authenticator;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/** The bearer token of the request, or null when there is none. */
export function bearerToken(ctx: Pick<AppContext, 'get'>): string | null {
  const header = ctx.get('Authorization');
  if (!header) return null;
  const match = BEARER.exec(header.trim());
  return match?.[1] ?? '';
}

/** App-level: makes the authenticator available to route rules. */
export function authentication(authenticator: Authenticator): AppMiddleware {
  return async (ctx, next) => {
    ctx.state.authenticator = authenticator;
    await next();
  };
}

/** Route-level: enforces one rule. */
export function authorize(rule: AuthRule): RouterMiddleware<AppState, Context> {
  if (rule === 'public') return async (_ctx, next) => next();
  const roles = new Set<Role>(rule.roles);
  return async (ctx, next) => {
    const token = bearerToken(ctx);
    const authenticator = ctx.state.authenticator;
    if (!token || !authenticator) throw new UnauthenticatedError();
    const auth = await authenticator.authenticate(token);
    ctx.state.auth = auth;
    if (!roles.has(auth.role)) throw new ForbiddenError();
    await next();
  };
}

/** The caller of a route that required a role. */
export function authOf(ctx: AppContext): AuthContext {
  const auth = ctx.state.auth;
  if (!auth) throw new UnauthenticatedError();
  return auth;
}

/** Every role, for routes any signed-in subject may use. */
export const ANY_ROLE: readonly Role[] = ['worker', 'broker', 'staff', 'intake', 'admin'];
