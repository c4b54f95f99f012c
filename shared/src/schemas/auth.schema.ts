import { z } from 'zod';
import { MobilePhoneSchema, RoleSchema, TimestampSchema } from './common.schema';
import { LocaleSchema } from '../i18n/locales';

/**
 * Sign-in and tokens. Access tokens are short-lived JWTs sent as `Authorization: Bearer …`;
 * refresh tokens are opaque, single-use (each refresh returns a new one).
 */

/** Who the token belongs to, as the client may show it. */
export const AuthSubjectSchema = z
  .object({
    subjectId: z.string(),
    role: RoleSchema,
    /** County or township code the subject may act in; null = everywhere (admin) or a worker. */
    regionScope: z.string().nullable(),
    /** The worker's registration record, once there is one. */
    workerId: z.string().nullable(),
    displayName: z.string().nullable(),
    /** Masked phone (138****5678) when known. */
    phoneMasked: z.string().nullable(),
    /** The UI language kept on the account (null until chosen); the app applies it on sign-in. */
    locale: LocaleSchema.nullable().optional(),
  })
  .meta({ id: 'AuthSubject' });
export type AuthSubject = z.infer<typeof AuthSubjectSchema>;

export const TokenPairSchema = z
  .object({
    tokenType: z.literal('Bearer'),
    accessToken: z.string(),
    accessTokenExpiresAt: TimestampSchema,
    refreshToken: z.string(),
    refreshTokenExpiresAt: TimestampSchema,
    subject: AuthSubjectSchema,
    /** True when this sign-in created the worker's login (first visit). */
    isNew: z.boolean(),
  })
  .meta({ id: 'TokenPair' });
export type TokenPair = z.infer<typeof TokenPairSchema>;

/** Staff-side sign-in (broker, staff, intake, admin). */
export const PasswordSignInRequestSchema = z
  .object({
    username: z.string().trim().toLowerCase().min(1).max(32),
    password: z.string().min(1).max(128),
  })
  .meta({ id: 'PasswordSignInRequest' });
export type PasswordSignInRequest = z.infer<typeof PasswordSignInRequestSchema>;

export const RefreshRequestSchema = z
  .object({ refreshToken: z.string().min(20).max(200) })
  .meta({ id: 'RefreshRequest' });
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const SignOutRequestSchema = RefreshRequestSchema.meta({ id: 'SignOutRequest' });
export type SignOutRequest = z.infer<typeof SignOutRequestSchema>;

export const SignOutResponseSchema = z.object({ signedOut: z.literal(true) }).meta({ id: 'SignOutResponse' });

/** WeChat mini-program: the code from `Taro.login()`. */
export const WechatSignInRequestSchema = z
  .object({ code: z.string().trim().min(1).max(128) })
  .meta({ id: 'WechatSignInRequest' });
export type WechatSignInRequest = z.infer<typeof WechatSignInRequestSchema>;

/**
 * WeChat phone-number button: `phoneCode` from `getPhoneNumber`'s event; `loginCode` from
 * `Taro.login()` (optional) links the WeChat identity to the same login.
 */
export const WechatPhoneSignInRequestSchema = z
  .object({
    phoneCode: z.string().trim().min(1).max(128),
    loginCode: z.string().trim().min(1).max(128).optional(),
  })
  .meta({ id: 'WechatPhoneSignInRequest' });
export type WechatPhoneSignInRequest = z.infer<typeof WechatPhoneSignInRequestSchema>;

/** Browser: ask for a one-time code by SMS. */
export const SmsCodeRequestSchema = z.object({ phone: MobilePhoneSchema }).meta({ id: 'SmsCodeRequest' });
export type SmsCodeRequest = z.infer<typeof SmsCodeRequestSchema>;

export const SmsCodeSentSchema = z
  .object({
    phoneMasked: z.string(),
    /** Seconds until the code stops working (300). */
    expiresInSeconds: z.number().int().positive(),
    /** Seconds before another code may be asked for (60). */
    resendAfterSeconds: z.number().int().positive(),
  })
  .meta({ id: 'SmsCodeSent' });
export type SmsCodeSent = z.infer<typeof SmsCodeSentSchema>;

export const SmsSignInRequestSchema = z
  .object({
    phone: MobilePhoneSchema,
    code: z.string().trim().regex(/^\d{6}$/, { message: 'validation.smsCode.format' }),
  })
  .meta({ id: 'SmsSignInRequest' });
export type SmsSignInRequest = z.infer<typeof SmsSignInRequestSchema>;
