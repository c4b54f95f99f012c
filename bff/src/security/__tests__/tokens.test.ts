/**
 * Token cases beyond bff/src/modules/auth/auth.test.ts (which covers a tampered signature,
 * alg none, expiry, another secret or audience, refresh reuse revoking the family, and a
 * disabled account's password, access and refresh tokens): a validly signed token whose role
 * or subject is not the account's, another issuer, and disabling through the admin API.
 */
import { SignJWT } from 'jose';
import { ErrorBodySchema } from '@zhuanyi/shared';
import { testConfig } from '../../config/env';
import { Account } from '../../modules/accounts/account.model';
import { WorkerLogin } from '../../modules/auth/worker-login.model';
import { signInAs } from '../../test-support/auth';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../tokens';

const db = useTestDb();
const http = () => testApp(db.database).http();
const key = new TextEncoder().encode(testConfig().jwtSecret);

async function token(claims: { sub: string; role: string; iss?: string; aud?: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(claims.iss ?? TOKEN_ISSUER)
    .setAudience(claims.aud ?? TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(key);
}

async function expect401(bearer: string, path = '/api/v1/auth/me'): Promise<void> {
  const res = await http().get(path).set('Authorization', `Bearer ${bearer}`);
  expect(res.status).toBe(401);
  expect(ErrorBodySchema.parse(res.body).error.code).toBe('UNAUTHENTICATED');
}

describe('tokens', () => {
  it('when a validly signed token claims a role its account does not have, then 401 (no escalation by claim)', async () => {
    const staff = await signInAs('staff');
    await expect401(await token({ sub: staff.subjectId, role: 'admin' }), '/api/v1/staff/accounts');
    const worker = await signInAs('worker');
    await expect401(await token({ sub: worker.subjectId, role: 'staff' }), '/api/v1/registry/workers');
  });

  it('when a validly signed token names an account that does not exist, or an unknown role, then 401', async () => {
    await expect401(await token({ sub: '64b000000000000000000000', role: 'staff' }));
    await expect401(await token({ sub: 'not-an-id', role: 'admin' }));
    const staff = await signInAs('staff');
    await expect401(await token({ sub: staff.subjectId, role: 'root' }));
  });

  it('when a token comes from another issuer, then 401', async () => {
    const staff = await signInAs('staff');
    await expect401(await token({ sub: staff.subjectId, role: 'staff', iss: 'someone-else' }));
  });

  it('when an admin disables an account through the API, then its live access and refresh tokens stop at once', async () => {
    const admin = await signInAs('admin');
    const staff = await signInAs('staff');
    expect((await http().get('/api/v1/auth/me').set(staff.header)).status).toBe(200);
    await http().patch(`/api/v1/staff/accounts/${staff.subjectId}`).set(admin.header).send({ active: false, reason: '人员调离' }).expect(200);
    expect((await http().get('/api/v1/auth/me').set(staff.header)).status).toBe(401);
    expect((await http().post('/api/v1/auth/refresh').send({ refreshToken: staff.refreshToken })).status).toBe(401);
    // Enabled again, the old refresh token stays dead: its family was revoked when it was refused.
    await Account.updateOne({ _id: staff.subjectId }, { $set: { active: true } });
    expect((await http().post('/api/v1/auth/refresh').send({ refreshToken: staff.refreshToken })).status).toBe(401);
  });

  it('when a worker login is disabled, then its refresh token is refused too', async () => {
    const worker = await signInAs('worker');
    await WorkerLogin.updateOne({ _id: worker.subjectId }, { $set: { active: false } });
    expect((await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken })).status).toBe(401);
    await expect401(worker.accessToken);
  });
});
