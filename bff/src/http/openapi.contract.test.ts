/**
 * Contract: /api/openapi.json lists every route the app serves, and every route answers
 * with bodies that parse with their shared schemas (the route's own schema on success, the
 * error body otherwise, at a status the document declares). Runs on the demo data.
 *
 * A new route is picked up automatically; give it an entry in SAMPLES when a plain request
 * (no body, example path params, a token for its first role) does not reach its success path.
 */
import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { z } from 'zod';
import { ErrorBodySchema, isValidIdNumber } from '@zhuanyi/shared';
import { routesOf } from '../app';
import { Job } from '../modules/jobs/job.model';
import { seedDemoData } from '../seed/seed';
import { signInAs } from '../test-support/auth';
import { testApp } from '../test-support/test-app';
import { useTestDb } from '../test-support/test-db';
import { toOpenApiPath, type DocumentedRoute } from './openapi';

const db = useTestDb({ clearBetweenTests: false });

interface Sample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The status the sample must get; default: the route's success status. */
  status?: number;
}

/** Known good requests, by `METHOD /openapi/path`. Routes without one still get a plain call. */
const SAMPLES: Record<string, (ids: SeedIds) => Sample[]> = {
  'GET /healthz': () => [{}],
  'GET /readyz': () => [{}],
  'GET /api/openapi.json': () => [{}],
  'GET /api/v1/regions': () => [{}],
  'GET /api/v1/regions/search': (): Sample[] => [{ query: { q: '洛隆' } }, { status: 400 }],
  'GET /api/v1/regions/{code}': () => [{ params: { code: '150521100' } }, { params: { code: '159999' }, status: 404 }],
  'GET /api/v1/regions/{code}/children': () => [{ params: { code: '540329' } }],
  'GET /api/v1/jobs': (): Sample[] => [{}, { query: { limit: '2', publicWelfare: 'true' } }, { query: { limit: '0' }, status: 400 }],
  'GET /api/v1/jobs/{id}': (ids) => [{ params: { id: ids.jobId } }, { params: { id: '0123456789abcdef01234567' }, status: 404 }],
};

interface SeedIds {
  jobId: string;
}

/** Example path parameters by name, for routes without a sample. */
const exampleParam = (name: string, ids: SeedIds): string =>
  ({ code: '150521', id: ids.jobId, jobId: ids.jobId })[name] ?? '0123456789abcdef01234567';

const key = (r: DocumentedRoute) => `${r.method.toUpperCase()} ${toOpenApiPath(r.fullPath)}`;

const OperationSchema = z.object({
  responses: z.record(z.string(), z.object({ content: z.record(z.string(), z.object({ schema: z.unknown() })).optional() })),
});
const DocSchema = z.object({ openapi: z.string(), paths: z.record(z.string(), z.record(z.string(), z.unknown())) });

describe('OpenAPI contract', () => {
  let routes: readonly DocumentedRoute[];
  let doc: z.infer<typeof DocSchema>;
  let rawDoc: unknown;
  let ids: SeedIds;
  let http: ReturnType<typeof testApp>['http'];

  beforeAll(async () => {
    await seedDemoData();
    const job = await Job.findOne({ status: 'open' }).select({ _id: 1 }).lean<{ _id: { toHexString(): string } }>().exec();
    if (!job) throw new Error('demo data has no open job');
    ids = { jobId: job._id.toHexString() };
    const app = testApp(db.database);
    http = app.http;
    routes = routesOf(app.app);
    rawDoc = (await http().get('/api/openapi.json').expect(200)).body;
    doc = DocSchema.parse(rawDoc);
  }, 120_000);

  it('when the document is generated, then it is OpenAPI 3.1 and lists exactly the routes the app serves', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(routes.length).toBeGreaterThan(8);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map(key).sort());
  });

  it('when a route is documented, then its success response and its errors carry JSON schemas', () => {
    for (const route of routes) {
      const op = OperationSchema.parse(doc.paths[toOpenApiPath(route.fullPath)]?.[route.method]);
      const success = op.responses[String(route.response.status)];
      expect({ route: key(route), schema: success?.content?.['application/json']?.schema !== undefined }).toEqual({ route: key(route), schema: true });
      expect(op.responses['500']).toBeDefined();
      for (const [status, response] of Object.entries(op.responses)) {
        if (status !== String(route.response.status)) expect(response.content?.['application/json']?.schema).toBeDefined();
      }
    }
  });

  it('when the document shows an example 身份证号, then it passes our own check digit', () => {
    const examples: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          const values: unknown[] = k === 'example' ? [v] : k === 'examples' && Array.isArray(v) ? v : [];
          for (const e of values) if (typeof e === 'string' && /^\d{17}[\dX]$/.test(e)) examples.push(e);
          walk(v);
        }
      }
    };
    walk(rawDoc);
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.filter((id) => !isValidIdNumber(id))).toEqual([]);
  });

  it('when every route is called, then each answer parses with its schema at a documented status', async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const op = OperationSchema.parse(doc.paths[toOpenApiPath(route.fullPath)]?.[route.method]);
      const samples = SAMPLES[key(route)]?.(ids) ?? [{ status: undefined }];
      const required = SAMPLES[key(route)] !== undefined;
      for (const sample of samples) {
        const path = route.fullPath.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
          encodeURIComponent(sample.params?.[name] ?? exampleParam(name, ids)),
        );
        let req: Test = http()[route.method](path);
        if (sample.query) req = req.query(sample.query);
        if (route.auth !== 'public') {
          const role = route.auth.roles[0];
          if (role) req = req.set((await signInAs(role)).header);
        }
        if (route.idempotency !== 'off') req = req.set('Idempotency-Key', randomUUID());
        if (route.method !== 'get' && route.method !== 'delete') req = req.send(sample.body === undefined ? {} : (sample.body as object));
        const res = await req;
        const where = `${key(route)} → ${res.status}`;
        if (op.responses[String(res.status)] === undefined) problems.push(`${where}: status not in the document`);
        const expected = sample.status ?? (required ? route.response.status : undefined);
        if (expected !== undefined && res.status !== expected) problems.push(`${where}: expected ${expected}`);
        // File downloads (xlsx, images) are bytes, not JSON: their schema checks the server side only.
        const isFile = res.status === route.response.status && !/json/.test(String(res.headers['content-type'] ?? 'application/json'));
        const parsed =
          res.status === route.response.status ? route.response.schema.safeParse(res.body) : ErrorBodySchema.safeParse(res.body);
        if (!isFile && !parsed.success) problems.push(`${where}: body does not parse (${parsed.error.issues[0]?.message ?? ''})`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
