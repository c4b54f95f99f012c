/**
 * The authorization matrix, proven against the running app: every route of /api/openapi.json,
 * called by every kind of caller, answers as authz-matrix.ts says (allowed, 401, 403 or 404).
 */
import type { Response } from 'supertest';
import { startFakeWechat, type FakeWechat } from '../../integrations/wechat/fake-wechat';
import { useTestDb } from '../../test-support/test-db';
import { testApp } from '../../test-support/test-app';
import { buildWorld, CALLERS, type Caller, type World } from './authz-fixtures';
import { authzMatrix, type MatrixEntry, type Outcome, type RequestPlan } from './authz-matrix';

const db = useTestDb({ clearBetweenTests: false });
let app: ReturnType<typeof testApp>;
let world: World;
let wechat: FakeWechat;

beforeAll(async () => {
  wechat = await startFakeWechat({ appId: 'wx-authz', secret: 'wx-authz-secret' });
  // Abuse limits off: one worker files many complaints here; abuse-limits.test.ts proves the limits.
  app = testApp(db.database, { rateLimitScale: 0, wechat: { appId: 'wx-authz', secret: 'wx-authz-secret', baseUrl: wechat.baseUrl } });
  world = await buildWorld(app.http);
}, 120_000);
afterAll(async () => {
  await wechat.stop();
});

interface Operation {
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa-style path, /api/v1/jobs/:id. */
  path: string;
  xAuth: 'public' | { roles: string[] };
  idempotency: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, string> = {
  worker: 'worker',
  otherWorker: 'worker',
  broker: 'broker',
  otherBroker: 'broker',
  staff: 'staff',
  otherStaff: 'staff',
  intake: 'intake',
  otherIntake: 'intake',
  admin: 'admin',
};

async function operations(): Promise<Operation[]> {
  const res = await app.http().get('/api/openapi.json');
  expect(res.status).toBe(200);
  const paths = (res.body as { paths: Record<string, Record<string, Record<string, unknown>>> }).paths;
  const ops: Operation[] = [];
  for (const [openApiPath, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const path = openApiPath.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
      const xAuth = op['x-auth'] as Operation['xAuth'] | undefined;
      if (xAuth === undefined) throw new Error(`${method.toUpperCase()} ${path} has no x-auth in the OpenAPI document`);
      ops.push({ key: `${method.toUpperCase()} ${path}`, method, path, xAuth, idempotency: op['x-idempotency-key'] !== undefined });
    }
  }
  return ops;
}

/** What the route's own declaration says a caller gets, before any ownership or scope check. */
function declared(op: Operation, caller: Caller): 'allowed' | 401 | 403 {
  if (op.xAuth === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  return op.xAuth.roles.includes(ROLE_OF[caller]) ? 'allowed' : 403;
}

async function send(op: Operation, caller: Caller, plan: RequestPlan): Promise<Response> {
  let url = op.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const v = plan.params?.[name];
    if (v === undefined) throw new Error(`${op.key}: the matrix entry gives no value for :${name}`);
    return encodeURIComponent(v);
  });
  if (plan.query) url += `?${new URLSearchParams(plan.query).toString()}`;
  let req = app.http()[op.method](url);
  if (caller !== 'anonymous') req = req.set(world.subjects[caller].header);
  if (op.idempotency) req = req.set('Idempotency-Key', `authz-${caller}-${Math.random().toString(36).slice(2, 12)}`);
  if (plan.file) return req.attach(plan.file.field, plan.file.content, { filename: plan.file.filename, contentType: plan.file.contentType });
  if (plan.raw) return req.set('Content-Type', plan.raw.contentType).send(plan.raw.content);
  if (plan.body !== undefined) return req.send(plan.body as object);
  return op.method === 'get' ? req : req.send({});
}

function outcomeOf(res: Response, entry: MatrixEntry, expected: Outcome): Outcome | `unexpected ${number}` {
  if (res.status >= 200 && res.status < 300) return 'ok';
  if (res.status === 401 || res.status === 403 || res.status === 404) return res.status;
  if (expected === 'ok' && entry.alsoOk?.some((a) => a.status === res.status)) return 'ok';
  return `unexpected ${res.status}`;
}

const ERROR_CODE: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

describe('authorization matrix', () => {
  it('when the API is listed, then every route has a matrix entry and every entry a route', async () => {
    const ops = await operations();
    const keys = new Set(ops.map((o) => o.key));
    const missing = ops.filter((o) => !(o.key in authzMatrix)).map((o) => o.key);
    const stale = Object.keys(authzMatrix).filter((k) => !keys.has(k));
    if (missing.length > 0) {
      throw new Error(`No authorization matrix entry for:\n  ${missing.join('\n  ')}\nAdd each to bff/src/security/__tests__/authz-matrix.ts`);
    }
    if (stale.length > 0) throw new Error(`Matrix entries for routes that no longer exist:\n  ${stale.join('\n  ')}`);
  });

  it('when the matrix is read beside each route’s declared roles, then it never allows what the declaration refuses', async () => {
    const problems: string[] = [];
    for (const op of await operations()) {
      const entry = authzMatrix[op.key];
      if (!entry) continue;
      for (const caller of CALLERS) {
        const d = declared(op, caller);
        const e = entry.expect[caller];
        if (d !== 'allowed' && e !== d) problems.push(`${op.key} ${caller}: declared ${d}, matrix says ${e}`);
        if (d === 'allowed' && (e === 401 || (e === 403 && op.xAuth === 'public'))) problems.push(`${op.key} ${caller}: declared allowed, matrix says ${e}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('when every caller calls every route, then each answer is the one the matrix expects', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of await operations()) {
      const entry = authzMatrix[op.key];
      if (!entry) continue;
      // Refused callers first: nothing they do may prepare the ground for an allowed one.
      const order = [...CALLERS].sort((a, b) => Number(entry.expect[a] === 'ok') - Number(entry.expect[b] === 'ok'));
      for (const caller of order) {
        const expected = entry.expect[caller];
        let res: Response;
        try {
          const plan = (await entry.request?.({ w: world, caller, http: app.http, logs: app.logs, wechat })) ?? {};
          res = await send(op, caller, plan);
        } catch (err: unknown) {
          failures.push(`${op.key} as ${caller}: could not prepare the call: ${err instanceof Error ? err.message : String(err)}`);
          continue;
        }
        checked += 1;
        const got = outcomeOf(res, entry, expected);
        if (got !== expected) {
          failures.push(`${op.key} as ${caller}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          continue;
        }
        const code = ERROR_CODE[res.status];
        if (typeof got === 'number' && code) {
          const body = res.body as { error?: { code?: string; message?: string } };
          if (body.error?.code !== code || !body.error.message) failures.push(`${op.key} as ${caller}: ${res.status} without the ${code} error body`);
        }
      }
    }
    // The closing note of issue 8 quotes this figure.
    process.stdout.write(`authz matrix: ${checked} route × caller checks\n`);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  }, 300_000);
});
