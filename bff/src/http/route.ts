/**
 * Route registration: every route is declared once, with its request and response schemas,
 * and both the Koa router and the OpenAPI document are built from the same declarations.
 *
 *   export const jobRoutes = routeGroup({ prefix: '/jobs', tag: 'jobs' });
 *   jobRoutes.get('/:id', { summary, request: { params }, response: { schema }, handler });
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { z } from 'zod';
import type { Context } from 'koa';
import type { RouterMiddleware } from '@koa/router';
import type { ErrorCode } from '@zhuanyi/shared';
import type { AppContext, AppState } from './context';
import { validate } from './validate';
import { maskSealedDeep } from '../security/sealed-text';
import { authorize, type AuthRule } from './auth';
import { idempotency, type IdempotencyMode } from './idempotency';
import { rateLimit, type LimitRule } from './rate-limit';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HandlerInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  ctx: AppContext;
}

export interface RouteSpec<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
> {
  summary: string;
  description?: string;
  request?: { params?: P; query?: Q; body?: B };
  response: {
    schema: R;
    status?: 200 | 201 | 202;
    description?: string;
    /**
     * The handler may answer the same, never-changed object again (a cached page): it is checked and
     * serialized once, answered with an ETag, and a request that already holds it gets 304.
     */
    reusesResults?: boolean;
  };
  /** Error codes this route may answer besides VALIDATION_FAILED (with input) and INTERNAL. */
  errors?: ErrorCode[];
  /** Who may call, declared on every route (no default, so nothing is open by accident): `'public'` or `{ roles: [...] }` (bearer token required). */
  auth: AuthRule;
  /** `Idempotency-Key` handling for writes a phone may retry (see idempotency.ts). */
  idempotency?: IdempotencyMode;
  /** Abuse limits (per IP, subject or body field), checked after auth and validation (see rate-limit.ts). */
  limits?: readonly LimitRule[];
  handler: (input: HandlerInput<P, Q, B>) => Promise<z.input<R>> | z.input<R>;
}

/** A route after registration: what the router mounts and the OpenAPI generator documents. */
export interface RegisteredRoute {
  method: HttpMethod;
  /** Koa-style path inside its group, e.g. /:id. */
  routePath: string;
  /** Group prefix + route path, e.g. /jobs/:id (the mount point adds /api/v1). */
  path: string;
  tag: string;
  summary: string;
  description: string | undefined;
  request: { params?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType };
  response: { schema: z.ZodType; status: number; description: string };
  errors: ErrorCode[];
  auth: AuthRule;
  idempotency: IdempotencyMode;
  limits: readonly LimitRule[];
  middleware: RouterMiddleware<AppState, Context>[];
}

/** Thrown when a handler's answer does not match its declared schema (a bug: answered as 500). */
export class ResponseContractError extends Error {
  constructor(
    readonly route: string,
    readonly issues: unknown,
  ) {
    super(`Response of ${route} does not match its schema`);
    this.name = 'ResponseContractError';
  }
}

export interface RouteGroup {
  readonly prefix: string;
  readonly tag: string;
  readonly routes: readonly RegisteredRoute[];
  get: RouteAdder;
  post: RouteAdder;
  put: RouteAdder;
  patch: RouteAdder;
  delete: RouteAdder;
}

interface SerializedResult {
  json: Buffer;
  etag: string;
  /** Made on the first request that accepts gzip. */
  gzip?: Buffer;
}

function serialize(data: unknown): SerializedResult {
  const json = Buffer.from(JSON.stringify(data));
  return { json, etag: `W/"${createHash('sha1').update(json).digest('base64url')}"` };
}

/** Bodies at least this long are sent compressed to clients that accept it (app.ts uses it too). */
export const COMPRESS_MIN_BYTES = 1024;

type RouteAdder = <
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(
  path: string,
  spec: RouteSpec<P, Q, B, R>,
) => void;

function register<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
>(method: HttpMethod, routePath: string, fullPath: string, tag: string, spec: RouteSpec<P, Q, B, R>): RegisteredRoute {
  const status = spec.response.status ?? 200;
  const request = spec.request ?? {};
  const auth = spec.auth;
  const idempotencyMode = spec.idempotency ?? 'off';
  const serialized = spec.response.reusesResults ? new WeakMap<object, SerializedResult>() : null;
  const checkResponse = (result: unknown): unknown => {
    const checked = spec.response.schema.safeParse(result);
    if (!checked.success) throw new ResponseContractError(`${method.toUpperCase()} ${fullPath}`, checked.error.issues);
    // Personal numbers sealed in free text are answered masked, whichever module stored them.
    return maskSealedDeep(checked.data);
  };
  const run: RouterMiddleware<AppState, Context> = async (ctx) => {
    const v = ctx.state.validated;
    // validate() ran with these same schemas, so the parsed values have these types.
    const input = {
      params: v?.params,
      query: v?.query,
      body: v?.body,
      ctx,
    } as HandlerInput<P, Q, B>;
    const result = await spec.handler(input);
    const reusable = serialized && typeof result === 'object' && result !== null ? result : null;
    if (reusable) {
      let answer = serialized?.get(reusable);
      if (!answer) {
        answer = serialize(checkResponse(result));
        serialized?.set(reusable, answer);
      }
      ctx.status = status;
      ctx.set('ETag', answer.etag);
      if (ctx.fresh) {
        ctx.status = 304;
        return;
      }
      ctx.type = 'application/json; charset=utf-8';
      ctx.vary('Accept-Encoding');
      // Compressed once per page, not per answer (the compress middleware leaves an encoded body alone).
      if (answer.json.length >= COMPRESS_MIN_BYTES && ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
        answer.gzip ??= gzipSync(answer.json);
        ctx.set('Content-Encoding', 'gzip');
        ctx.body = answer.gzip;
        return;
      }
      ctx.body = answer.json;
      return;
    }
    ctx.status = status;
    ctx.body = checkResponse(result);
  };
  return {
    method,
    routePath,
    path: fullPath,
    tag,
    summary: spec.summary,
    description: spec.description,
    request: { params: request.params, query: request.query, body: request.body },
    response: { schema: spec.response.schema, status, description: spec.response.description ?? spec.summary },
    errors: spec.errors ?? [],
    auth,
    idempotency: idempotencyMode,
    limits: spec.limits ?? [],
    // Auth first: a caller without the right gets 401/403 whatever the input.
    middleware: [
      authorize(auth),
      validate(request),
      ...(spec.limits && spec.limits.length > 0 ? [rateLimit(spec.limits)] : []),
      ...(idempotencyMode === 'off' ? [] : [idempotency(idempotencyMode)]),
      run,
    ],
  };
}

/** A set of routes under one path prefix and one OpenAPI tag. */
export function routeGroup(options: { prefix: string; tag: string }): RouteGroup {
  const routes: RegisteredRoute[] = [];
  const adder =
    (method: HttpMethod): RouteAdder =>
    (path, spec) => {
      const full = (options.prefix + (path === '/' ? '' : path)).replace(/\/{2,}/g, '/') || '/';
      if (routes.some((r) => r.method === method && r.path === full)) {
        throw new Error(`Route ${method.toUpperCase()} ${full} is registered twice`);
      }
      routes.push(register(method, path, full, options.tag, spec));
    };
  return {
    prefix: options.prefix,
    tag: options.tag,
    routes,
    get: adder('get'),
    post: adder('post'),
    put: adder('put'),
    patch: adder('patch'),
    delete: adder('delete'),
  };
}
