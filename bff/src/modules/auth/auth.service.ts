/**
 * Sign-in, token refresh and the per-request check of who is calling. Staff-side subjects
 * are Accounts; workers are WorkerLogins. A disabled subject is refused at every step.
 */
import { Types } from 'mongoose';
import {
  LocaleSchema,
  maskMobilePhone,
  type AuthSubject,
  type LocaleCode,
  type PasswordSignInRequest,
  type Role,
  type TokenPair,
} from '@zhuanyi/shared';
import { AppError, UnauthenticatedError } from '../../http/errors';
import type { AuthContext, Authenticator } from '../../http/auth';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import type { TokenService, TokenSubject } from '../../security/tokens';
import { Account } from '../accounts/account.model';
import { verifyPassword } from '../accounts/password';
import { SignInThrottle } from './sign-in-throttle';
import { WorkerLogin, type WorkerLoginRecord } from './worker-login.model';


/** A bcrypt hash of a random string: compared against when the username is unknown, so timing says nothing. */
const DUMMY_HASH = '$2b$10$wDNNCHa9TRQMVbowoyVha.JdE0InaP36kC8pTvLSFNyQoafPkjRYq';

export interface AuthServiceDeps {
  tokens: TokenService;
  crypto: FieldCrypto;
  clock: Clock;
}

/** Thrown while a sign-in is delayed; carries the seconds to wait. */
export class SignInLockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', { messageKey: 'error.signInLocked', params: { minutes: Math.ceil(retryAfterSeconds / 60) } });
    this.name = 'SignInLockedError';
  }
}

interface LoadedSubject {
  auth: AuthContext;
  subject: AuthSubject;
}

function localeOf(value: string | null | undefined): LocaleCode | null {
  const parsed = LocaleSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export class AuthService implements Authenticator {
  private readonly throttle: SignInThrottle;

  constructor(private readonly deps: AuthServiceDeps) {
    this.throttle = new SignInThrottle(deps.crypto);
  }

  /** The current state of a subject, or null when it does not exist or is disabled. */
  async loadSubject(subjectId: string, role: Role): Promise<LoadedSubject | null> {
    if (!Types.ObjectId.isValid(subjectId)) return null;
    if (role === 'worker') {
      const login = await WorkerLogin.findById(subjectId).lean<WorkerLoginRecord>();
      if (!login || !login.active) return null;
      return this.workerSubject(login);
    }
    const account = await Account.findById(subjectId).lean();
    if (!account || !account.active || account.role !== role) return null;
    const regionScope = account.regionScope ?? null;
    return {
      auth: { subjectId, role, regionScope },
      subject: {
        subjectId,
        role,
        regionScope,
        workerId: null,
        displayName: account.displayName,
        phoneMasked: account.phoneEnc ? maskMobilePhone(this.deps.crypto.decrypt('phone', account.phoneEnc)) : null,
        locale: localeOf(account.locale),
      },
    };
  }

  private workerSubject(login: WorkerLoginRecord): LoadedSubject {
    const subjectId = login._id.toHexString();
    const workerId = login.workerId ? login.workerId.toHexString() : undefined;
    let phoneMasked: string | null = null;
    if (login.phoneEnc) phoneMasked = maskMobilePhone(this.deps.crypto.decrypt('phone', login.phoneEnc));
    return {
      auth: { subjectId, role: 'worker', regionScope: null, ...(workerId ? { workerId } : {}) },
      subject: {
        subjectId,
        role: 'worker',
        regionScope: null,
        workerId: workerId ?? null,
        displayName: null,
        phoneMasked,
        locale: localeOf(login.locale),
      },
    };
  }

  /** Authenticator: a valid access token of a subject that exists and is active. */
  async authenticate(token: string): Promise<AuthContext> {
    const claims = await this.deps.tokens.verifyAccessToken(token);
    const loaded = await this.loadSubject(claims.subjectId, claims.role);
    if (!loaded) throw new UnauthenticatedError();
    return loaded.auth;
  }

  /** Keeps the person's UI language on their login, so another phone opens in it too. */
  async setLocale(auth: AuthContext, locale: LocaleCode): Promise<AuthSubject> {
    const id = new Types.ObjectId(auth.subjectId);
    if (auth.role === 'worker') await WorkerLogin.updateOne({ _id: id }, { $set: { locale } });
    else await Account.updateOne({ _id: id }, { $set: { locale } });
    return this.me(auth);
  }

  async me(auth: AuthContext): Promise<AuthSubject> {
    const loaded = await this.loadSubject(auth.subjectId, auth.role);
    if (!loaded) throw new UnauthenticatedError();
    return loaded.subject;
  }

  private async pair(subject: TokenSubject, loaded: LoadedSubject, isNew: boolean, familyId?: string): Promise<TokenPair> {
    const issued = await this.deps.tokens.issue(subject, familyId);
    return {
      tokenType: 'Bearer',
      accessToken: issued.accessToken,
      accessTokenExpiresAt: issued.accessTokenExpiresAt.toISOString(),
      refreshToken: issued.refreshToken,
      refreshTokenExpiresAt: issued.refreshTokenExpiresAt.toISOString(),
      subject: loaded.subject,
      isNew,
    };
  }

  /** Tokens for a worker login that has just proven who it is. */
  async signInWorker(login: WorkerLoginRecord, isNew: boolean): Promise<TokenPair> {
    if (!login.active) throw new AppError('FORBIDDEN', { messageKey: 'error.accountDisabled' });
    await WorkerLogin.updateOne({ _id: login._id }, { $set: { lastSignInAt: this.deps.clock() } });
    return this.pair({ subjectId: login._id.toHexString(), role: 'worker' }, this.workerSubject(login), isNew);
  }

  /** Staff-side sign-in, slowed per address and per account after repeated failures (sign-in-throttle.ts). */
  async signInWithPassword(input: PasswordSignInRequest, ip: string): Promise<TokenPair> {
    const now = this.deps.clock();
    const keys = { username: input.username, ip };
    const wait = await this.throttle.waitSeconds(keys, now);
    if (wait > 0) throw new SignInLockedError(wait);
    const account = await Account.findOne({ username: input.username }).lean();
    const ok = await verifyPassword(input.password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) {
      await this.throttle.recordFailure(keys, now);
      throw new AppError('UNAUTHENTICATED', { messageKey: 'error.badCredentials' });
    }
    await this.throttle.recordSuccess(keys, now);
    if (!account.active) throw new AppError('FORBIDDEN', { messageKey: 'error.accountDisabled' });
    const subjectId = account._id.toHexString();
    const role = account.role;
    const loaded = await this.loadSubject(subjectId, role);
    if (!loaded) throw new AppError('UNAUTHENTICATED', { messageKey: 'error.badCredentials' });
    return this.pair({ subjectId, role }, loaded, false);
  }

  /** Rotates a refresh token: the old one is spent, a new pair in the same family comes back. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const used = await this.deps.tokens.consumeRefreshToken(refreshToken);
    const loaded = await this.loadSubject(used.subjectId, used.role);
    if (!loaded) {
      await this.deps.tokens.revokeFamily(used.familyId);
      throw new UnauthenticatedError();
    }
    return this.pair({ subjectId: used.subjectId, role: used.role }, loaded, false, used.familyId);
  }

  async signOut(refreshToken: string): Promise<void> {
    await this.deps.tokens.revokeByToken(refreshToken);
  }
}
