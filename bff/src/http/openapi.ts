import { z } from 'zod';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { ErrorBodySchema, type ErrorCode } from '@zhuanyi/shared';
import { statusOf } from './errors';
import type { RegisteredRoute, RouteGroup } from './route';

/** Groups as mounted: `basePath` is where the group's router sits ('' or '/api/v1'). */
export interface MountedGroup {
  basePath: string;
  group: RouteGroup;
}

export interface DocumentedRoute extends RegisteredRoute {
  /** Koa-style full path, e.g. /api/v1/jobs/:id. */
  fullPath: string;
}

export function documentedRoutes(mounted: readonly MountedGroup[]): DocumentedRoute[] {
  return mounted.flatMap(({ basePath, group }) => group.routes.map((r) => ({ ...r, fullPath: basePath + r.path })));
}

/** /api/v1/jobs/:id → /api/v1/jobs/{id} */
export function toOpenApiPath(koaPath: string): string {
  return koaPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export const BEARER_SCHEME = 'bearerAuth';

function operationId(route: DocumentedRoute): string {
  const words = route.fullPath
    .split('/')
    .filter((w) => w !== '' && w !== 'api')
    .map((w) => (w.startsWith(':') ? 'By' + w.slice(1, 2).toUpperCase() + w.slice(2) : w))
    .map((w) => w.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')))
    .map((w) => w.slice(0, 1).toUpperCase() + w.slice(1));
  return route.method + words.join('');
}

function errorCodesOf(route: DocumentedRoute): ErrorCode[] {
  const hasInput = route.request.params !== undefined || route.request.query !== undefined || route.request.body !== undefined;
  const codes = new Set<ErrorCode>(route.errors);
  if (hasInput) codes.add('VALIDATION_FAILED');
  if (route.auth !== 'public') {
    codes.add('UNAUTHENTICATED');
    codes.add('FORBIDDEN');
  }
  if (route.limits.length > 0) codes.add('RATE_LIMITED');
  if (route.idempotency !== 'off') {
    codes.add('VALIDATION_FAILED');
    codes.add('CONFLICT');
  }
  codes.add('INTERNAL');
  return [...codes];
}

/** The OpenAPI 3.1 document of every registered route, schemas taken from shared/. */
export function buildOpenApiDocument(mounted: readonly MountedGroup[], info: { title: string; version: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER_SCHEME, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const route of documentedRoutes(mounted)) {
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of errorCodesOf(route)) byStatus.set(statusOf[code], [...(byStatus.get(statusOf[code]) ?? []), code]);
    const errorResponses = Object.fromEntries(
      [...byStatus].map(([status, codes]) => [
        String(status),
        { description: codes.join(', '), content: { 'application/json': { schema: ErrorBodySchema } } },
      ]),
    );
    registry.registerPath({
      method: route.method,
      path: toOpenApiPath(route.fullPath),
      operationId: operationId(route),
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      // Who may call: bearer security plus the roles, for clients and the authorization matrix test.
      ...(route.auth === 'public' ? { security: [], 'x-auth': 'public' } : { security: [{ [BEARER_SCHEME]: [] }], 'x-auth': { roles: [...route.auth.roles] } }),
      ...(route.idempotency === 'off' ? {} : { 'x-idempotency-key': route.idempotency }),
      request: {
        ...(route.request.params ? { params: route.request.params } : {}),
        ...(route.request.query ? { query: route.request.query } : {}),
        ...(route.idempotency === 'off'
          ? {}
          : { headers: z.object({ 'Idempotency-Key': route.idempotency === 'required' ? z.string().min(8).max(128) : z.string().min(8).max(128).optional() }) }),
        ...(route.request.body
          ? { body: { required: true, content: { 'application/json': { schema: route.request.body } } } }
          : {}),
      },
      responses: {
        [String(route.response.status)]: {
          description: route.response.description,
          content: { 'application/json': { schema: route.response.schema } },
        },
        ...errorResponses,
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { ...info, description: '农牧民转移就业服务 BFF. Errors: `{ error: { code, message, fields?, requestId } }`.' },
    servers: [{ url: '/' }],
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
