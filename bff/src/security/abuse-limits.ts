/**
 * The abuse limits routes declare (`limits:` in route.ts), in one place so they read as a policy.
 * Per-IP limits are generous: many workers share a carrier NAT address. Per-account ones are tight.
 * The service-level rules stay too: password lockout after 5 failures, one SMS code per phone a minute.
 */
import type { LimitRule } from '../http/rate-limit';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

const signInIp: LimitRule = { name: 'sign-in-ip', per: 'ip', max: 100, windowSeconds: 15 * MINUTE };
const uploadIp: LimitRule = { name: 'upload-ip', per: 'ip', max: 300, windowSeconds: HOUR };
const uploadSubject: LimitRule = { name: 'upload', per: 'subject', max: 60, windowSeconds: HOUR };

export const LIMITS = {
  passwordSignIn: [signInIp, { name: 'sign-in-username', per: { body: 'username' }, max: 20, windowSeconds: 15 * MINUTE }],
  wechatSignIn: [signInIp],
  // Per phone: the service's own rules (one a minute, ten a China day, with Retry-After).
  smsCode: [{ name: 'sms-code-ip', per: 'ip', max: 60, windowSeconds: HOUR }],
  smsSignIn: [signInIp, { name: 'sms-sign-in-phone', per: { body: 'phone' }, max: 10, windowSeconds: 15 * MINUTE }],
  refresh: [{ name: 'refresh-ip', per: 'ip', max: 300, windowSeconds: 15 * MINUTE }],
  fileComplaint: [
    { name: 'complaint-file', per: 'subject', max: 10, windowSeconds: DAY },
    { name: 'complaint-file-ip', per: 'ip', max: 60, windowSeconds: HOUR },
  ],
  staffFileComplaint: [{ name: 'complaint-file-staff', per: 'subject', max: 200, windowSeconds: HOUR }],
  upload: [uploadSubject, uploadIp],
  brokerApplication: [{ name: 'broker-application', per: 'subject', max: 5, windowSeconds: DAY }],
} as const satisfies Record<string, readonly LimitRule[]>;
