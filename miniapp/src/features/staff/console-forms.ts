/** Form helpers for the staff console: check with the shared schema, map server errors, Beijing dates. */
import { fieldMessages, messageKeyErrorMap, StaffAccountCreateSchema, yuanToFen } from '@zhuanyi/shared';
import type { z } from 'zod';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { ApiError } from '@/services/errors';

/** Field path → Chinese text; `form` for a problem not tied to a field. */
export type FieldErrors = Record<string, string | undefined>;

/** Checks `input` with the shared schema the BFF uses; errors keyed by the input's field paths. */
export function checkWith<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(input, { error: messageKeyErrorMap });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: fieldMessages(parsed.error.issues) };
}

/** The server's answer to a failed write: its field errors, else one line for the form. */
export function apiErrors(e: unknown): FieldErrors {
  if (e instanceof ApiError && Object.keys(e.fields).length > 0) return { ...e.fields };
  return { form: errorText(e) };
}

/** "2026-06-01" → the first (or last) instant of that day in Beijing; null when it is not such a date. */
export function beijingDay(text: string, end = false): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  const ms = Date.UTC(y, mo - 1, d) - 8 * 3600_000 + (end ? 86_400_000 - 1 : 0);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(ms).toISOString();
}

/** Picked Beijing days ('' = open end) → the instants the audit search takes, or the errors per field. */
export function beijingRange(fromDay: string, toDay: string): { ok: true; from?: string; to?: string } | { ok: false; errors: FieldErrors } {
  const from = fromDay ? beijingDay(fromDay) : undefined;
  const to = toDay ? beijingDay(toDay, true) : undefined;
  const errors: FieldErrors = {};
  if (from === null) errors.from = t('staff.audit.dateInvalid');
  if (to === null) errors.to = t('staff.audit.dateInvalid');
  if (from && to && to < from) errors.to = t('staff.audit.rangeInvalid');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export interface AccountFormValues {
  username: string;
  displayName: string;
  role: 'staff' | 'intake' | 'admin' | 'broker';
  regionScope: string;
  password: string;
  phone: string;
}

/** The new-account form → the request body: admins work everywhere (no region); empty optional fields left out. */
export function accountCreateBody(v: AccountFormValues) {
  return { ...v, regionScope: v.role === 'admin' ? null : (optional(v.regionScope) ?? null), phone: optional(v.phone) };
}

/** Checks the new-account form as the BFF will, plus its rule that everyone but an admin has a region. */
export function checkAccountCreate(v: AccountFormValues): { ok: true; body: ReturnType<typeof accountCreateBody> } | { ok: false; errors: FieldErrors } {
  const body = accountCreateBody(v);
  const checked = checkWith(StaffAccountCreateSchema, body);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  if (body.role !== 'admin' && body.regionScope === null) errors.regionScope = t('error.scopeRequired');
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body };
}

/** An instant as "2026-06-01 10:05" in Beijing. */
export function beijingDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** Yuan as typed → fen, or null when it is not an amount. */
export const fenOf = (yuan: string): number | null => (yuan.trim() === '' ? null : yuanToFen(yuan.trim()));

/** A whole number as typed, or NaN. */
export const intOf = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** Empty text → undefined (optional fields). */
export const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());
