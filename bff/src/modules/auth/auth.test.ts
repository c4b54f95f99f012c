import request from 'supertest';
import { SignJWT, base64url } from 'jose';
import { AuthSubjectSchema, ErrorBodySchema, SignInDelayListSchema, TokenPairSchema } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { useTestDb } from '../../test-support/test-db';
import { signInAs } from '../../test-support/auth';
import { manualClock } from '../../security/clock';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../security/tokens';
import { Account } from '../accounts/account.model';
import { WorkerLogin } from './worker-login.model';

const db = useTestDb();
const config = testConfig();
const clock = manualClock('2026-06-01T02:00:00Z');

function http() {
  const app = createApp({ config, logger: createLogger({ level: 'silent' }), db: db.database, clock });
  return request(app.callback());
}

beforeEach(() => clock.set('2026-06-01T02:00:00Z'));

async function signedJwt(claims: Record<string, unknown>, options: { secret?: string; exp?: number; aud?: string } = {}) {
  const now = Math.floor(clock().getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(options.aud ?? TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(new TextEncoder().encode(options.secret ?? config.jwtSecret));
}

describe('staff password sign-in', () => {
  it('when the username and password are right, then a token pair comes back and /auth/me knows the account', async () => {
    const staff = await signInAs('staff', { config, clock, regionScope: '150521' });
    const res = await http().post('/api/v1/auth/password').send({ username: staff.username, password: staff.password });
    expect(res.status).toBe(200);
    const pair = TokenPairSchema.parse(res.body);
    expect(pair.subject).toMatchObject({ role: 'staff', regionScope: '150521', subjectId: staff.subjectId });
    const me = await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${pair.accessToken}`);
    expect(me.status).toBe(200);
    expect(AuthSubjectSchema.parse(me.body).displayName).toBe('测试staff');
  });

  it('when a stranger types a wrong password 5 times, then the next try waits 15 s (429, unchecked) and the right password after the wait works', async () => {
    const staff = await signInAs('staff', { config, clock });
    for (let i = 0; i < 5; i += 1) {
      const bad = await http().post('/api/v1/auth/password').send({ username: staff.username, password: 'wrong-one' });
      expect(bad.status).toBe(401);
      expect(bad.body.error.message).toBe('用户名或密码不对');
    }
    const delayed = await http().post('/api/v1/auth/password').send({ username: staff.username, password: staff.password });
    expect(delayed.status).toBe(429);
    expect(delayed.headers['retry-after']).toBe('15');
    expect(ErrorBodySchema.parse(delayed.body).error.message).toContain('1 分钟');
    clock.advance(16_000);
    const after = await http().post('/api/v1/auth/password').send({ username: staff.username, password: staff.password });
    expect(after.status).toBe(200);
  });

  it('when an admin lists sign-in delays and clears one, then the person signs in at once and the clearing is audited', async () => {
    const staff = await signInAs('staff', { config, clock });
    const admin = await signInAs('admin', { config, clock });
    for (let i = 0; i < 5; i += 1) await http().post('/api/v1/auth/password').send({ username: staff.username, password: 'wrong-one' }).expect(401);
    expect((await http().post('/api/v1/auth/password').send({ username: staff.username, password: staff.password })).status).toBe(429);
    const list = SignInDelayListSchema.parse((await http().get('/api/v1/staff/sign-in-delays').set(admin.header).expect(200)).body);
    const delay = list.items.find((d) => d.kind === 'account' && d.label === staff.username);
    expect(delay).toMatchObject({ failures: expect.any(Number), blockedUntil: expect.any(String) });
    expect((await http().get('/api/v1/staff/sign-in-delays').set(staff.header)).status).toBe(403);
    await http().delete(`/api/v1/staff/sign-in-delays/${encodeURIComponent(delay?.id ?? '')}`).set(admin.header).expect(200);
    expect((await http().post('/api/v1/auth/password').send({ username: staff.username, password: staff.password })).status).toBe(200);
    const audit = await http().get('/api/v1/audit?targetType=signInDelay').set(admin.header).expect(200);
    expect(JSON.stringify(audit.body)).toContain(`cleared account ${staff.username}`);
    await http().delete(`/api/v1/staff/sign-in-delays/${encodeURIComponent(delay?.id ?? '')}`).set(admin.header).expect(404);
  });

  it('when the account is disabled, then the right password is refused with 403 and its tokens with 401', async () => {
    const staff = await signInAs('staff', { config, clock });
    await Account.updateOne({ _id: staff.subjectId }, { $set: { active: false } });
    const res = await http().post('/api/v1/auth/password').send({ username: staff.username, password: staff.password });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('该账号已停用，请联系当地人社部门');
    expect((await http().get('/api/v1/auth/me').set(staff.header)).status).toBe(401);
    expect((await http().post('/api/v1/auth/refresh').send({ refreshToken: staff.refreshToken })).status).toBe(401);
  });

  it('when the username does not exist, then the answer is the same 401 as a wrong password', async () => {
    const res = await http().post('/api/v1/auth/password').send({ username: 'nobody', password: 'whatever' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('access tokens', () => {
  it('when no token is sent to a protected route, then 401', async () => {
    const res = await http().get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(ErrorBodySchema.parse(res.body).error.code).toBe('UNAUTHENTICATED');
  });

  it('when the token has expired, then 401', async () => {
    const worker = await signInAs('worker', { config, clock });
    expect((await http().get('/api/v1/auth/me').set(worker.header)).status).toBe(200);
    clock.advance(15 * 60_000 + 1000);
    expect((await http().get('/api/v1/auth/me').set(worker.header)).status).toBe(401);
  });

  it('when the signature is tampered with, then 401', async () => {
    const worker = await signInAs('worker', { config, clock });
    const [h, p, s] = worker.accessToken.split('.');
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p ?? ''))) as Record<string, unknown>;
    const forgedPayload = base64url.encode(JSON.stringify({ ...payload, role: 'admin' }));
    const forged = `${h}.${forgedPayload}.${s}`;
    expect((await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
    const flipped = `${h}.${p}.${(s ?? '').slice(0, -2)}${(s ?? '').endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${flipped}`)).status).toBe(401);
  });

  it('when the token says alg none, then 401', async () => {
    const worker = await signInAs('worker', { config, clock });
    const now = Math.floor(clock().getTime() / 1000);
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(
      JSON.stringify({ sub: worker.subjectId, role: 'worker', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 600 }),
    );
    const res = await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${header}.${payload}.`);
    expect(res.status).toBe(401);
  });

  it('when the token is signed with another secret or for another audience, then 401', async () => {
    const worker = await signInAs('worker', { config, clock });
    const otherSecret = await signedJwt({ sub: worker.subjectId, role: 'worker' }, { secret: 'x'.repeat(40) });
    const otherAudience = await signedJwt({ sub: worker.subjectId, role: 'worker' }, { aud: 'someone-else' });
    const good = await signedJwt({ sub: worker.subjectId, role: 'worker' });
    expect((await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${otherSecret}`)).status).toBe(401);
    expect((await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${otherAudience}`)).status).toBe(401);
    expect((await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${good}`)).status).toBe(200);
  });

  it('when a worker login is disabled, then its still-valid token is refused', async () => {
    const worker = await signInAs('worker', { config, clock });
    await WorkerLogin.updateOne({ _id: worker.subjectId }, { $set: { active: false } });
    expect((await http().get('/api/v1/auth/me').set(worker.header)).status).toBe(401);
  });

  it('when the OpenAPI document is read, then protected routes carry bearer security and their roles', async () => {
    const res = await http().get('/api/openapi.json');
    const me = res.body.paths['/api/v1/auth/me'].get;
    expect(me.security).toEqual([{ bearerAuth: [] }]);
    expect(me['x-auth']).toEqual({ roles: ['worker', 'broker', 'staff', 'intake', 'admin'] });
    expect(res.body.paths['/api/v1/auth/password'].post['x-auth']).toBe('public');
    expect(res.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('refresh tokens', () => {
  it('when a refresh token is used, then a new pair comes back and the old refresh token is spent', async () => {
    const worker = await signInAs('worker', { config, clock });
    const first = await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken });
    expect(first.status).toBe(200);
    const pair = TokenPairSchema.parse(first.body);
    expect(pair.refreshToken).not.toBe(worker.refreshToken);
    const second = await http().post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken });
    expect(second.status).toBe(200);
  });

  it('when the answer to a refresh is lost and the phone sends the same token again at once, then it gets a working pair and stays signed in', async () => {
    const worker = await signInAs('worker', { config, clock });
    const lost = TokenPairSchema.parse((await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken }).expect(200)).body);
    clock.advance(5_000);
    const retried = TokenPairSchema.parse((await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken }).expect(200)).body);
    expect(retried.refreshToken).not.toBe(lost.refreshToken);
    await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${retried.accessToken}`).expect(200);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: retried.refreshToken }).expect(200);
  });

  it('when a spent token is sent again within the grace many times, even all at once, then only one extra pair is given and a further reuse revokes the family', async () => {
    const worker = await signInAs('worker', { config, clock });
    await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken }).expect(200);
    clock.advance(1_000);
    const replays = await Promise.all(Array.from({ length: 5 }, () => http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken })));
    expect(replays.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
    const extra = TokenPairSchema.parse(replays.find((r) => r.status === 200)?.body);
    // The replays past the one extra pair were treated as theft: the family, the extra pair included, is revoked.
    await http().post('/api/v1/auth/refresh').send({ refreshToken: extra.refreshToken }).expect(401);
  });

  it('when a spent refresh token is used again after the retry grace, then the whole family is revoked, including the newest token', async () => {
    const worker = await signInAs('worker', { config, clock });
    const rotated = TokenPairSchema.parse((await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken })).body);
    clock.advance(31_000);
    const replay = await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken });
    expect(replay.status).toBe(401);
    const newest = await http().post('/api/v1/auth/refresh').send({ refreshToken: rotated.refreshToken });
    expect(newest.status).toBe(401);
  });

  it('when a refresh token has expired, then 401', async () => {
    const worker = await signInAs('worker', { config, clock });
    clock.advance(31 * 24 * 3600_000);
    expect((await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken })).status).toBe(401);
  });

  it('when the worker signs out, then the refresh token no longer works', async () => {
    const worker = await signInAs('worker', { config, clock });
    expect((await http().post('/api/v1/auth/sign-out').send({ refreshToken: worker.refreshToken })).status).toBe(200);
    expect((await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken })).status).toBe(401);
  });
});

describe('UI language kept on the account', () => {
  it('when a worker saves a language, then /auth/me and the next sign-in pair carry it; a bad code is refused', async () => {
    const worker = await signInAs('worker', { config, clock });
    const before = AuthSubjectSchema.parse((await http().get('/api/v1/auth/me').set(worker.header).expect(200)).body);
    expect(before.locale).toBeNull();
    const saved = await http().put('/api/v1/auth/me/locale').set(worker.header).send({ locale: 'ug' }).expect(200);
    expect(AuthSubjectSchema.parse(saved.body).locale).toBe('ug');
    expect(AuthSubjectSchema.parse((await http().get('/api/v1/auth/me').set(worker.header).expect(200)).body).locale).toBe('ug');
    const refreshed = await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken }).expect(200);
    expect(TokenPairSchema.parse(refreshed.body).subject.locale).toBe('ug');
    const bad = await http().put('/api/v1/auth/me/locale').set(worker.header).send({ locale: 'mn-Cyrl' }).expect(400);
    expect(ErrorBodySchema.parse(bad.body).error.fieldKeys?.locale?.key).toBe('validation.invalidOption');
  });

  it('when staff save a language, then it is kept on their account; without a token the route is 401', async () => {
    const staff = await signInAs('staff', { config, clock });
    await http().put('/api/v1/auth/me/locale').set(staff.header).send({ locale: 'bo' }).expect(200);
    expect((await Account.findById(staff.subjectId).lean())?.locale).toBe('bo');
    await http().put('/api/v1/auth/me/locale').send({ locale: 'bo' }).expect(401);
  });
});
