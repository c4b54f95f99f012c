import { AuthSubjectSchema, type AuthSubject, type LocaleCode } from '@zhuanyi/shared';
import { http } from '@/services/http';

/** PUT /auth/me/locale: keeps the language on the account, so another phone opens in it too. */
export function saveAccountLocale(locale: LocaleCode): Promise<AuthSubject> {
  return http.request({ method: 'PUT', path: '/auth/me/locale', body: { locale }, schema: AuthSubjectSchema });
}
