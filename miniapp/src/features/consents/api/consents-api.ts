import { MyConsentsSchema, PRIVACY_NOTICE_VERSION, type ConsentPurpose, type MyConsents } from '@zhuanyi/shared';
import { http } from '@/services/http';

/** GET /consents/me: what is in force and the history of grants and withdrawals. */
export function getMyConsents(): Promise<MyConsents> {
  return http.get('/consents/me', MyConsentsSchema);
}

/** POST /consents/me: agree to the notice in force (a repeat records nothing new, so it is safe to resend). */
export function grantConsents(purposes: ConsentPurpose[]): Promise<MyConsents> {
  return http.request({ method: 'POST', path: '/consents/me', body: { noticeVersion: PRIVACY_NOTICE_VERSION, purposes }, schema: MyConsentsSchema, idempotencyKey: `consent-${purposes.join('-')}-${Date.now()}` });
}

/** DELETE /consents/me/:purpose (the notice withdraws sensitive information too). */
export function withdrawConsent(purpose: ConsentPurpose): Promise<MyConsents> {
  return http.request({ method: 'DELETE', path: `/consents/me/${purpose}`, schema: MyConsentsSchema });
}
