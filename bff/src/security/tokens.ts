/**
 * Access tokens: HS256 JWTs (jose) with issuer, audience and a short life.
 * Refresh tokens: 32 random bytes, stored as SHA-256 hashes, single use, rotated in families.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { RoleSchema, type Role } from '@zhuanyi/shared';
import { UnauthenticatedError } from '../http/errors';
import { RefreshToken } from '../modules/auth/refresh-token.model';
import type { Clock } from './clock';

export const TOKEN_ISSUER = 'zhuanyi-bff';
export const TOKEN_AUDIENCE = 'zhuanyi-api';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** A spent refresh token sent again within this time is a retry, not a theft. */
export const REFRESH_REUSE_GRACE_MS = 30_000;

export interface TokenSubject {
  subjectId: string;
  role: Role;
}

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export interface TokenServiceOptions {
  secret: string;
  clock: Clock;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class TokenService {
  private readonly key: Uint8Array;
  private readonly clock: Clock;
  private readonly accessTtl: number;
  private readonly refreshTtl: number;

  constructor(options: TokenServiceOptions) {
    this.key = new TextEncoder().encode(options.secret);
    this.clock = options.clock;
    this.accessTtl = options.accessTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
    this.refreshTtl = options.refreshTtlSeconds ?? REFRESH_TOKEN_TTL_SECONDS;
  }

  async signAccessToken(subject: TokenSubject): Promise<{ token: string; expiresAt: Date }> {
    const nowSec = Math.floor(this.clock().getTime() / 1000);
    const exp = nowSec + this.accessTtl;
    const token = await new SignJWT({ role: subject.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject.subjectId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(nowSec)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The subject of a valid access token; anything else is 401. */
  async verifyAccessToken(token: string): Promise<TokenSubject> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: this.clock(),
      });
      const role = RoleSchema.safeParse(payload.role);
      if (!role.success || typeof payload.sub !== 'string') throw new UnauthenticatedError();
      return { subjectId: payload.sub, role: role.data };
    } catch {
      throw new UnauthenticatedError();
    }
  }

  /** A new access token and a refresh token in `familyId` (a new family when omitted). */
  async issue(subject: TokenSubject, familyId: string = randomUUID()): Promise<IssuedTokens> {
    const access = await this.signAccessToken(subject);
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.clock();
    const refreshTokenExpiresAt = new Date(now.getTime() + this.refreshTtl * 1000);
    await RefreshToken.create({
      tokenHash: hashRefreshToken(refreshToken),
      familyId,
      subjectId: subject.subjectId,
      role: subject.role,
      issuedAt: now,
      expiresAt: refreshTokenExpiresAt,
    });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt };
  }

  /**
   * Marks a refresh token used and answers its subject and family. A token already used
   * revokes its whole family (it was stolen or replayed); unknown, expired or revoked → 401.
   */
  async consumeRefreshToken(refreshToken: string): Promise<TokenSubject & { familyId: string }> {
    const now = this.clock();
    const tokenHash = hashRefreshToken(refreshToken);
    const taken = await RefreshToken.findOneAndUpdate(
      { tokenHash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
      { returnDocument: 'before' },
    ).lean();
    if (taken) {
      // A family revoked for a replay while this token was being issued stays revoked.
      if (await RefreshToken.exists({ familyId: taken.familyId, revokedAt: { $ne: null } })) {
        await this.revokeFamily(taken.familyId);
        throw new UnauthenticatedError();
      }
      const role = RoleSchema.parse(taken.role);
      return { subjectId: taken.subjectId, role, familyId: taken.familyId };
    }
    // A phone whose refresh answer was lost sends the same token again at once: give it one more
    // pair (once only, claimed atomically) rather than treat it as a stolen token.
    const graced = await RefreshToken.findOneAndUpdate(
      { tokenHash, usedAt: { $gte: new Date(now.getTime() - REFRESH_REUSE_GRACE_MS) }, graceUsedAt: null, revokedAt: null, expiresAt: { $gt: now } },
      { $set: { graceUsedAt: now } },
      { returnDocument: 'before' },
    ).lean();
    if (graced) return { subjectId: graced.subjectId, role: RoleSchema.parse(graced.role), familyId: graced.familyId };
    const known = await RefreshToken.findOne({ tokenHash }).lean();
    if (known && known.usedAt !== null) await this.revokeFamily(known.familyId);
    throw new UnauthenticatedError();
  }

  async revokeFamily(familyId: string): Promise<void> {
    await RefreshToken.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: this.clock() } });
  }

  /** Sign-out: revokes the family of this refresh token, if it is one. */
  async revokeByToken(refreshToken: string): Promise<void> {
    const known = await RefreshToken.findOne({ tokenHash: hashRefreshToken(refreshToken) }).lean();
    if (known) await this.revokeFamily(known.familyId);
  }

  async revokeSubject(subjectId: string): Promise<void> {
    await RefreshToken.updateMany({ subjectId, revokedAt: null }, { $set: { revokedAt: this.clock() } });
  }
}
