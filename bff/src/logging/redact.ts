/**
 * Log redaction: by key (anything named like an ID number, phone, token, password, secret)
 * and by pattern inside any string (18-character 身份证号, 11-digit mobile numbers, bearer
 * tokens and JWTs, bank card numbers by Luhn, and any of these grouped by spaces or dashes).
 */
import { findPersonalNumbers, type PersonalNumberKind } from '@zhuanyi/shared';

export const REDACTED = '[REDACTED]';

const SENSITIVE_KEY =
  /^(authorization|cookie|set-cookie|x-api-key|password|passwd|pass(word)?hash|secret|.*token|.*secret|id_?number|idcard|id_?card|sfzh|phone|mobile|tel|telephone|contact_?phone|sms_?code|verification_?code|wx_?code|js_?code|session_?key|openid|unionid)$/i;

const PATTERNS: Array<[RegExp, string]> = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer ' + REDACTED],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[JWT]'],
  [/(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g, '[ID]'],
  [/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d{9}(?!\d)/g, '[PHONE]'],
  [/([?&](?:token|access_token|code|phone|idNumber)=)[^&#\s]+/gi, '$1' + REDACTED],
];

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

const MARKER: Record<PersonalNumberKind, string> = { idNumber: '[ID]', phone: '[PHONE]', bankCard: '[CARD]' };

/** Personal numbers as people type them (grouped by spaces or dashes; bank cards by Luhn). */
function redactPersonalNumbers(text: string): string {
  const found = findPersonalNumbers(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.start) + MARKER[m.kind];
    at = m.end;
  }
  return out + text.slice(at);
}

export function redactText(text: string): string {
  let out = redactPersonalNumbers(text);
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** A redacted deep copy: sensitive keys replaced, strings scrubbed by pattern. Cycles and depth are bounded. */
export function redactValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1, seen));
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined };
  }
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? REDACTED : redactValue(v, depth + 1, seen);
  return out;
}
