/** Form helpers for the staff console: check with the shared schema, map server errors, Beijing dates. */
import { fieldMessages, messageKeyErrorMap, yuanToFen } from '@zhuanyi/shared';
import type { z } from 'zod';
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
