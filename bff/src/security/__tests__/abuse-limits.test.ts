/**
 * Abuse limits (per IP and per account, counted in MongoDB so every instance shares them),
 * security headers and request size limits.
 */
import { BlockList } from 'node:net';
import request from 'supertest';
import { ErrorBodySchema } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { clientAddressOf } from '../../http/client-address';
import { RateLimitCounter } from '../../http/rate-limit';
import { createLogger } from '../../logging/logger';
import { manualClock } from '../../security/clock';
import { signInAs } from '../../test-support/auth';
import { useTestDb } from '../../test-support/test-db';
import { LIMITS } from '../abuse-limits';
import { complaintInput, fileComplaint, idempotencyKey, phoneFor, TINY_PNG } from './authz-fixtures';

const db = useTestDb();
// Password checks (bcrypt) and many calls: room on a shared 2-core machine.
jest.setTimeout(30_000);
/** Limits at a tenth, so a test reaches them in a few calls. */
const SCALE = 0.1;
const clock = manualClock(new Date());

function instance(scale = SCALE) {
  const app = createApp({ config: testConfig({ rateLimitScale: scale }), logger: createLogger({ level: 'silent' }), db: db.database, clock });
  const callback = app.callback();
  return () => request(callback);
}

const scaled = (max: number) => Math.floor(max * SCALE);
const maxOf = (rules: readonly { name: string; max: number }[], name: string): number => {
  const rule = rules.find((r) => r.name === name);
  if (!rule) throw new Error(`no limit ${name}`);
  return scaled(rule.max);
};

function expectLimited(res: request.Response): void {
  expect(res.status).toBe(429);
  expect(ErrorBodySchema.parse(res.body).error.code).toBe('RATE_LIMITED');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

describe('abuse limits', () => {
  it('when one address asks for more SMS codes than its limit (each for another phone), then 429 with Retry-After, and a new window lets it again', async () => {
    const http = instance();
    const max = maxOf(LIMITS.smsCode, 'sms-code-ip');
    for (let i = 0; i < max; i += 1) await http().post('/api/v1/auth/sms/code').send({ phone: phoneFor() }).expect(200);
    const res = await http().post('/api/v1/auth/sms/code').send({ phone: phoneFor() });
    expectLimited(res);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3600);
    clock.advance(3600_000);
    await http().post('/api/v1/auth/sms/code').send({ phone: phoneFor() }).expect(200);
  });

  it('when a password is guessed for one username past its limit, then 429 while another username from elsewhere is only refused as wrong', async () => {
    const http = instance();
    const staff = await signInAs('staff', { clock });
    const max = maxOf(LIMITS.passwordSignIn, 'sign-in-username');
    for (let i = 0; i < max; i += 1) {
      await http().post('/api/v1/auth/password').send({ username: staff.username, password: 'wrong-password' }).expect(401);
    }
    expectLimited(await http().post('/api/v1/auth/password').send({ username: staff.username, password: staff.password }));
    await http().post('/api/v1/auth/password').send({ username: 'someone_else', password: 'wrong-password' }).expect(401);
  });

  it('when one address signs in past its limit (many usernames), then 429 for every sign-in route sharing the counter', async () => {
    const http = instance();
    const max = maxOf(LIMITS.passwordSignIn, 'sign-in-ip');
    for (let i = 0; i < max; i += 1) await http().post('/api/v1/auth/password').send({ username: `nobody_${i}`, password: 'wrong-password' }).expect(401);
    expectLimited(await http().post('/api/v1/auth/password').send({ username: 'nobody_x', password: 'wrong-password' }));
    expectLimited(await http().post('/api/v1/auth/sms').send({ phone: phoneFor(), code: '123456' }));
  });

  it('when a worker files more complaints than the daily limit, then 429, and another worker still may file', async () => {
    const http = instance();
    const worker = await signInAs('worker', { clock });
    const max = maxOf(LIMITS.fileComplaint, 'complaint-file');
    for (let i = 0; i < max; i += 1) await fileComplaint(http, worker);
    expectLimited(await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', idempotencyKey()).send(complaintInput()));
    await fileComplaint(http, await signInAs('worker', { clock }));
  });

  it('when a worker uploads evidence past the hourly limit, then 429', async () => {
    const http = instance();
    const worker = await signInAs('worker', { clock });
    const id = await fileComplaint(http, worker);
    const max = maxOf(LIMITS.upload, 'upload');
    const upload = () => http().post(`/api/v1/complaints/${id}/evidence`).set(worker.header).attach('files', TINY_PNG, { filename: 'p.png', contentType: 'image/png' });
    for (let i = 0; i < max; i += 1) expect((await upload()).status).toBe(201);
    expectLimited(await upload());
  });

  it('when two instances serve one address, then they share its counter (kept in MongoDB, keys hashed, expiring by TTL)', async () => {
    const a = instance();
    const b = instance();
    const max = maxOf(LIMITS.smsCode, 'sms-code-ip');
    for (let i = 0; i < max; i += 1) await (i % 2 === 0 ? a : b)().post('/api/v1/auth/sms/code').send({ phone: phoneFor() }).expect(200);
    expectLimited(await b().post('/api/v1/auth/sms/code').send({ phone: phoneFor() }));
    const counters = await RateLimitCounter.find({}).lean();
    expect(counters.length).toBeGreaterThan(0);
    for (const c of counters) expect(c._id).toMatch(/^[0-9a-f]{64}$/);
    const indexes = await RateLimitCounter.collection.indexes();
    expect(indexes.some((i) => i.key.expiresAt === 1 && i.expireAfterSeconds === 0)).toBe(true);
  });
});

describe('client address behind the proxy', () => {
  it('when a client writes its own X-Forwarded-For entries, then the limit still counts the address the trusted proxy added', async () => {
    const app = createApp({ config: testConfig({ rateLimitScale: SCALE, trustedProxies: ['127.0.0.0/8', '::1'] }), logger: createLogger({ level: 'silent' }), db: db.database, clock });
    const callback = app.callback();
    const max = maxOf(LIMITS.smsCode, 'sms-code-ip');
    const ask = (spoofed: string) =>
      request(callback).post('/api/v1/auth/sms/code').set('X-Forwarded-For', `${spoofed}, 203.0.113.7`).send({ phone: phoneFor() });
    for (let i = 0; i < max; i += 1) expect((await ask(`10.0.0.${i}`)).status).toBe(200);
    expectLimited(await ask('10.9.9.9'));
  });
  it('when no proxy is configured (or the connection is not from one), then X-Forwarded-For is ignored and the connection address is counted', async () => {
    const app = createApp({ config: testConfig({ rateLimitScale: SCALE, isProduction: true, trustedProxies: ['10.1.0.0/16'] }), logger: createLogger({ level: 'silent' }), db: db.database, clock });
    const callback = app.callback();
    const max = maxOf(LIMITS.smsCode, 'sms-code-ip');
    const ask = (i: number) => request(callback).post('/api/v1/auth/sms/code').set('X-Forwarded-For', `198.51.100.${i}`).send({ phone: phoneFor() });
    for (let i = 0; i < max; i += 1) expect((await ask(i)).status).toBe(200);
    expectLimited(await ask(200));
  });

  it('reads X-Forwarded-For from the right, past trusted proxies only', () => {
    const trusted = new BlockList();
    trusted.addSubnet('10.1.0.0', 16, 'ipv4');
    trusted.addAddress('::1', 'ipv6');
    expect(clientAddressOf('10.1.2.3', '6.6.6.6, 203.0.113.7', trusted)).toBe('203.0.113.7');
    expect(clientAddressOf('10.1.2.3', '203.0.113.7, 10.1.9.9', trusted)).toBe('203.0.113.7');
    expect(clientAddressOf('::ffff:10.1.2.3', '203.0.113.7', trusted)).toBe('203.0.113.7');
    expect(clientAddressOf('198.51.100.1', '203.0.113.7', trusted)).toBe('198.51.100.1');
    expect(clientAddressOf('10.1.2.3', 'not-an-ip', trusted)).toBe('10.1.2.3');
    expect(clientAddressOf('::1', undefined, trusted)).toBe('::1');
  });
});

describe('security headers', () => {
  it('when the API answers (or fails), then helmet’s headers are there and the API policy allows nothing', async () => {
    const http = instance();
    for (const res of [await http().get('/api/v1/regions'), await http().get('/api/v1/nowhere')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('request size limits', () => {
  it('when a JSON body is over 1 MB, then 413 with the error body and nothing is read', async () => {
    const http = instance();
    const worker = await signInAs('worker', { clock });
    const res = await http()
      .post('/api/v1/complaints')
      .set(worker.header)
      .set('Idempotency-Key', idempotencyKey())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...complaintInput(), demandNote: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(ErrorBodySchema.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('when a JSON body nests 100,000 levels deep, then 400 with the error body, not a crash', async () => {
    const http = instance();
    for (const body of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
      const res = await http().post('/api/v1/auth/refresh').set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(ErrorBodySchema.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('when a broker uploads a spreadsheet over 5 MB, then 413', async () => {
    const http = instance();
    const broker = await signInAs('broker', { clock });
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 0x41);
    const res = await http().post('/api/v1/brokers/me/imports').set(broker.header).attach('file', big, { filename: 'people.csv', contentType: 'text/csv' });
    expect(res.status).toBe(413);
    expect(ErrorBodySchema.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('when evidence is text named .png, then 415: the type is taken from the content', async () => {
    const http = instance();
    const worker = await signInAs('worker', { clock });
    const id = await fileComplaint(http, worker);
    const res = await http()
      .post(`/api/v1/complaints/${id}/evidence`)
      .set(worker.header)
      .attach('files', Buffer.from('<script>alert(1)</script>'.repeat(20)), { filename: 'pay.png', contentType: 'image/png' });
    expect(res.status).toBe(415);
    expect(ErrorBodySchema.parse(res.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
