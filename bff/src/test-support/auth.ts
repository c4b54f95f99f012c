/**
 * Tokens for tests, quickly: creates the subject (an Account, or a WorkerLogin for workers)
 * and signs tokens with the same secret the test app uses.
 *
 *   const worker = await signInAs('worker');
 *   await http().get('/api/v1/auth/me').set(worker.header);
 *   const staff = await signInAs('staff', { regionScope: '150521' });
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { ConsentPurposeSchema, PRIVACY_NOTICE_VERSION, type Role } from '@zhuanyi/shared';
import { testConfig, type Config } from '../config/env';
import type { AuthContext } from '../http/auth';
import { Account } from '../modules/accounts/account.model';
import { hashPassword } from '../modules/accounts/password';
import { ConsentModel } from '../modules/consents/consent.model';
import { WorkerLogin } from '../modules/auth/worker-login.model';
import { systemClock, type Clock } from '../security/clock';
import { FieldCrypto } from '../security/field-crypto';
import { TokenService } from '../security/tokens';

export interface SignInAsOptions {
  /** Staff-side scope; defaults to 150521 (科左中旗) for staff and brokers, null for admin and workers. */
  regionScope?: string | null;
  /** Workers: the registration record this login owns. */
  workerId?: string;
  /** Workers: the phone of the login (stored sealed, as the app does). */
  phone?: string;
  /** Staff side: the password (default `Passw0rd!`). */
  password?: string;
  username?: string;
  active?: boolean;
  /** Workers: has agreed to the privacy notice and sensitive-information processing (default true). */
  consented?: boolean;
  /** Must match the app's config (default testConfig()). */
  config?: Config;
  clock?: Clock;
}

export interface TestSubject {
  subjectId: string;
  role: Role;
  username: string | null;
  password: string | null;
  accessToken: string;
  refreshToken: string;
  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()`. */
  header: { Authorization: string };
  auth: AuthContext;
}

const DEFAULT_PASSWORD = 'Passw0rd!';

export async function signInAs(role: Role, options: SignInAsOptions = {}): Promise<TestSubject> {
  const config = options.config ?? testConfig();
  const clock = options.clock ?? systemClock;
  const tokens = new TokenService({ secret: config.jwtSecret, clock });
  let subjectId: string;
  let regionScope: string | null = null;
  let username: string | null = null;
  let password: string | null = null;
  if (role === 'worker') {
    const crypto = new FieldCrypto(config.fieldEncryptionKey);
    const login = await WorkerLogin.create({
      openid: `test-openid-${randomBytes(6).toString('hex')}`,
      active: options.active ?? true,
      ...(options.workerId ? { workerId: new Types.ObjectId(options.workerId) } : {}),
      ...(options.phone
        ? { phoneIndex: crypto.blindIndex('phone', options.phone), phoneEnc: crypto.encrypt('phone', options.phone) }
        : {}),
    });
    subjectId = login._id.toHexString();
    if (options.consented !== false) {
      await ConsentModel.insertMany(
        ConsentPurposeSchema.options.map((purpose) => ({ subjectId, purpose, noticeVersion: PRIVACY_NOTICE_VERSION, grantedAt: clock() })),
      );
    }
  } else {
    regionScope = options.regionScope === undefined ? (role === 'admin' ? null : '150521') : options.regionScope;
    username = options.username ?? `${role}_${randomBytes(4).toString('hex')}`;
    password = options.password ?? DEFAULT_PASSWORD;
    const account = await Account.create({
      username,
      displayName: `测试${role}`,
      role,
      regionScope,
      passwordHash: await hashPassword(password),
      active: options.active ?? true,
      certifiedAt: role === 'broker' ? clock() : null,
    });
    subjectId = account._id.toHexString();
  }
  const issued = await tokens.issue({ subjectId, role });
  return {
    subjectId,
    role,
    username,
    password,
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    header: { Authorization: `Bearer ${issued.accessToken}` },
    auth: { subjectId, role, regionScope, ...(options.workerId ? { workerId: options.workerId } : {}) },
  };
}
