import Taro from '@tarojs/taro';
import {
  AuthSubjectSchema,
  SignOutResponseSchema,
  SmsCodeSentSchema,
  TokenPairSchema,
  type AuthSubject,
  type SmsCodeSent,
  type TokenPair,
} from '@zhuanyi/shared';
import { clearSession, getRefreshToken, saveSession, saveSubject } from '@/services/auth-token';
import { reconcileAccountLocale } from '@/features/language/apply-locale';
import { http } from '@/services/http';

/** POST /auth/sms/code: a one-time code by SMS (at most one a minute). */
export function requestSmsCode(phone: string): Promise<SmsCodeSent> {
  return http.request({ method: 'POST', path: '/auth/sms/code', body: { phone }, schema: SmsCodeSentSchema });
}

async function keep(pair: Promise<TokenPair>): Promise<TokenPair> {
  const value = await pair;
  saveSession(value);
  await reconcileAccountLocale(value.subject);
  return value;
}

/** POST /auth/sms: phone + code → tokens, kept in storage. */
export function signInWithSms(phone: string, code: string): Promise<TokenPair> {
  return keep(http.request({ method: 'POST', path: '/auth/sms', body: { phone, code }, schema: TokenPairSchema }));
}

/** weapp: Taro.login's code → POST /auth/wechat. */
export async function signInWithWechat(): Promise<TokenPair> {
  const { code } = await Taro.login();
  return keep(http.request({ method: 'POST', path: '/auth/wechat', body: { code }, schema: TokenPairSchema }));
}

/** weapp: the phone-number button's code (no SMS needed) → POST /auth/wechat/phone. */
export async function signInWithWechatPhone(phoneCode: string): Promise<TokenPair> {
  let loginCode: string | undefined;
  try {
    loginCode = (await Taro.login()).code;
  } catch {
    loginCode = undefined;
  }
  return keep(
    http.request({ method: 'POST', path: '/auth/wechat/phone', body: { phoneCode, loginCode }, schema: TokenPairSchema }),
  );
}

/** GET /auth/me: refreshes who is signed in (workerId appears after registration). */
export async function refreshSubject(): Promise<AuthSubject> {
  const subject = await http.get('/auth/me', AuthSubjectSchema);
  saveSubject(subject);
  return subject;
}

export async function signOut(): Promise<void> {
  const refreshToken = getRefreshToken();
  try {
    if (refreshToken) await http.request({ method: 'POST', path: '/auth/sign-out', body: { refreshToken }, schema: SignOutResponseSchema });
  } finally {
    clearSession();
  }
}
