import Koa from 'koa';
import request from 'supertest';
import { bodyParser } from '@koa/bodyparser';
import { z } from 'zod';
import { createLogger } from '../logging/logger';
import { useTestDb } from '../test-support/test-db';
import { buildRouter } from './api-router';
import type { AppState } from './context';
import { errorHandler } from './error-handler';
import { AppError } from './errors';
import { requestContext } from './request-id';
import { routeGroup } from './route';
import { IdempotencyRecord } from './idempotency';

useTestDb();

/** A tiny app with one idempotent route whose calls are counted and can be made to fail. */
function counterApp() {
  let calls = 0;
  let failNext = false;
  const group = routeGroup({ prefix: '/things', tag: 'test' });
  group.post('/', {
    auth: 'public',
    summary: 'test',
    idempotency: 'optional',
    request: { body: z.object({ n: z.number(), tag: z.record(z.string(), z.number()).optional() }) },
    response: { schema: z.object({ call: z.number(), n: z.number() }), status: 201 },
    handler: async ({ body }) => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 30));
      if (failNext) {
        failNext = false;
        throw new AppError('SERVICE_UNAVAILABLE');
      }
      return { call: calls, n: body.n };
    },
  });
  const app = new Koa<AppState>();
  app.use(requestContext(createLogger({ level: 'silent' })));
  app.use(errorHandler());
  app.use(bodyParser());
  app.use(buildRouter([{ basePath: '', group }]).routes());
  const cb = app.callback();
  return {
    post: (key: string | null, body: object) => {
      const r = request(cb).post('/things');
      if (key) r.set('Idempotency-Key', key);
      return r.send(body);
    },
    calls: () => calls,
    failOnce: () => {
      failNext = true;
    },
  };
}

describe('Idempotency-Key', () => {
  it('when a retried request carries the same key, then the first answer (status and body) comes back and the handler ran once', async () => {
    const app = counterApp();
    const first = await app.post('key-00000001', { n: 1 });
    const again = await app.post('key-00000001', { n: 1 });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(app.calls()).toBe(1);
  });

  it('when the body keys come in another order, then it is still the same request', async () => {
    const app = counterApp();
    await app.post('key-00000002', { n: 2, tag: { a: 1, b: 2 } });
    const res = await app.post('key-00000002', { tag: { b: 2, a: 1 }, n: 2 });
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(app.calls()).toBe(1);
  });

  it('when the first attempt fails, then the key is released and the retry runs', async () => {
    const app = counterApp();
    app.failOnce();
    expect((await app.post('key-00000003', { n: 3 })).status).toBe(503);
    expect(await IdempotencyRecord.countDocuments({})).toBe(0);
    const retry = await app.post('key-00000003', { n: 3 });
    expect(retry.status).toBe(201);
    expect(app.calls()).toBe(2);
  });

  it('when ten duplicates arrive at once, then the handler runs once and all get its answer', async () => {
    const app = counterApp();
    const answers = await Promise.all(Array.from({ length: 10 }, () => app.post('key-00000004', { n: 4 })));
    expect(app.calls()).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify([a.status, a.body]))).size).toBe(1);
  });

  it('when the key is malformed, then 400; when it is absent on an optional route, then the request just runs', async () => {
    const app = counterApp();
    expect((await app.post('bad key!', { n: 5 })).status).toBe(400);
    expect((await app.post(null, { n: 5 })).status).toBe(201);
    expect((await app.post(null, { n: 5 })).status).toBe(201);
    expect(app.calls()).toBe(2);
  });

  it('when keys are stored, then they expire through a TTL index', async () => {
    const app = counterApp();
    await app.post('key-00000006', { n: 6 });
    const indexes = await IdempotencyRecord.collection.indexes();
    expect(indexes.find((i) => i.key.expiresAt === 1)?.expireAfterSeconds).toBe(0);
    const stored = await IdempotencyRecord.findOne({}).lean();
    expect(stored?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });
});
