import Koa from 'koa';
import request from 'supertest';
import { z } from 'zod';
import { createLogger } from '../logging/logger';
import { buildRouter } from './api-router';
import type { AppState } from './context';
import { errorHandler } from './error-handler';
import { requestContext } from './request-id';
import { routeGroup } from './route';

/** One GET route answering `answer()`; counts how often its response schema ran. */
function appWith(reusesResults: boolean, answer: () => object) {
  let checks = 0;
  const schema = z
    .object({ n: z.number(), secret: z.string().optional() })
    .strip()
    .superRefine(() => {
      checks += 1;
    });
  const group = routeGroup({ prefix: '/pages', tag: 'test' });
  group.get('/', { auth: 'public', summary: 'test', response: { schema, reusesResults }, handler: () => answer() as z.input<typeof schema> });
  const app = new Koa<AppState>();
  app.use(requestContext(createLogger({ level: 'silent' })));
  app.use(errorHandler());
  app.use(buildRouter([{ basePath: '', group }]).routes());
  const cb = app.callback();
  return { get: (headers: Record<string, string> = {}) => request(cb).get('/pages').set(headers), checks: () => checks };
}

describe('route response checks', () => {
  it('when a route reuses results and answers the same object again, then it is checked once and answered the same (unknown keys still stripped)', async () => {
    const page = { n: 1, extra: 'not in the schema' };
    const app = appWith(true, () => page);
    for (let i = 0; i < 3; i += 1) expect((await app.get().expect(200)).body).toEqual({ n: 1 });
    expect(app.checks()).toBe(1);
  });

  it('when a route reuses results, then the answer carries an ETag, a request holding it gets 304 without a body, and a changed page gets a new ETag', async () => {
    let page = { n: 1 };
    const app = appWith(true, () => page);
    const first = await app.get().expect(200).expect('Content-Type', /application\/json/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const again = await app.get({ 'If-None-Match': etag }).expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);
    page = { n: 2 };
    const changed = await app.get({ 'If-None-Match': etag }).expect(200);
    expect(changed.body).toEqual({ n: 2 });
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('when a reused page is large and the client accepts gzip, then it comes gzipped (made once) with the same ETag; a client without gzip gets it plain', async () => {
    const page = { n: 3, secret: '电焊工'.repeat(400) };
    const app = appWith(true, () => page);
    const zipped = await app.get({ 'Accept-Encoding': 'gzip' }).expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.body).toEqual(page);
    const again = await app.get({ 'Accept-Encoding': 'gzip' }).expect(200);
    expect(again.body).toEqual(page);
    const plain = await app.get({ 'Accept-Encoding': 'identity' }).expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(page);
    expect(plain.headers.etag).toBe(zipped.headers.etag);
    expect(app.checks()).toBe(1);
  });

  it('when a route reuses results but answers a new object, then each is checked, and a bad one is still refused', async () => {
    let n: unknown = 1;
    const app = appWith(true, () => ({ n }));
    await app.get().expect(200);
    await app.get().expect(200);
    expect(app.checks()).toBe(2);
    n = 'not a number';
    await app.get().expect(500);
  });

  it('when a route does not reuse results, then the same object is checked on every answer', async () => {
    const page = { n: 2 };
    const app = appWith(false, () => page);
    await app.get().expect(200);
    await app.get().expect(200);
    expect(app.checks()).toBe(2);
  });
});
