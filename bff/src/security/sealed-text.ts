/**
 * Free text (descriptions, notes, addresses) with personal numbers sealed in place. Each number
 * found (shared/domain/personal-numbers) becomes `⟦kind|masked|ciphertext⟧`: what is stored, copied
 * to the PES outbox and kept in idempotency answers never holds it in clear. `maskSealed` shows the
 * masked form (no key needed); `openSealed` restores the number, only for the upstream call.
 */
import type { z } from 'zod';
import { findPersonalNumbers, maskPersonalNumber, personalFreeText, type PersonalNumberKind } from '@zhuanyi/shared';
import type { Middleware } from 'koa';
import type { AppState } from '../http/context';
import type { FieldCrypto } from './field-crypto';

const TOKEN = /⟦(idNumber|phone|bankCard)\|([^|⟧]*)\|(v1\.[A-Za-z0-9_-]+)⟧/g;

/** Seals the numbers in `text`; numbers already sealed stay as they are (sealing twice changes nothing). */
export function sealFreeText(crypto: Pick<FieldCrypto, 'encrypt'>, text: string): string {
  if (!text.includes('⟦')) return sealClear(crypto, text);
  let out = '';
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    out += sealClear(crypto, text.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + sealClear(crypto, text.slice(at));
}

function sealClear(crypto: Pick<FieldCrypto, 'encrypt'>, text: string): string {
  const found = findPersonalNumbers(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of found) {
    out += `${text.slice(at, m.start)}⟦${m.kind}|${maskPersonalNumber(m.kind, m.value)}|${crypto.encrypt(m.kind, m.value)}⟧`;
    at = m.end;
  }
  return out + text.slice(at);
}

/** Seals an optional text (null and undefined pass through). */
export function sealOptional<T extends string | null | undefined>(crypto: Pick<FieldCrypto, 'encrypt'>, text: T): T {
  return (typeof text === 'string' ? sealFreeText(crypto, text) : text) as T;
}

/** A $set of a case step: every string in it (notes, records, summaries) sealed; dates and numbers as they are. */
export function sealTextFields(crypto: Pick<FieldCrypto, 'encrypt'>, set: Record<string, unknown>): Record<string, unknown> {
  const seal = (v: unknown): unknown => {
    if (typeof v === 'string') return sealFreeText(crypto, v);
    if (Array.isArray(v)) return v.map(seal);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, seal(x)]));
    return v;
  };
  return seal(set) as Record<string, unknown>;
}

/** What people see: each sealed number as its masked form. */
export function maskSealed<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? text.replace(TOKEN, (_all, _kind: string, masked: string) => masked) : text) as T;
}

/** maskSealed over every string in a JSON-like value (every API answer); values without a sealed number are returned as they are. */
export function maskSealedDeep<T>(value: T): T {
  return maskDeep(value) as T;
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('⟦') ? maskSealed(value) : value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((v, i) => {
      const m = maskDeep(v);
      if (m !== v) (copy ??= [...value])[i] = m;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(value)) {
      const m = maskDeep(v);
      if (m !== v) (copy ??= { ...(value as Record<string, unknown>) })[k] = m;
    }
    return copy ?? value;
  }
  return value;
}

/**
 * Seals every field of `value` whose schema is registered as personal free text (shared
 * `sealedText`), wherever it sits in objects, arrays, unions and optional/default wrappers.
 * `value` is what `schema` parsed; it is not changed, a sealed copy is returned.
 */
export function sealFreeTextIn<T>(crypto: Pick<FieldCrypto, 'encrypt'>, schema: z.ZodType, value: T): T {
  return holdsFreeText(schema) ? (sealBySchema(crypto, schema, value) as T) : value;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType; out?: z.ZodType; left?: z.ZodType; right?: z.ZodType; valueType?: z.ZodType; getter?: () => z.ZodType };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a value of `schema` passes through one level down (wrappers unwrapped). */
function children(schema: z.ZodType): z.ZodType[] {
  const d = defOf(schema);
  switch (d.type) {
    case 'object':
      return Object.values(d.shape ?? {});
    case 'array':
      return d.element ? [d.element] : [];
    case 'record':
      return d.valueType ? [d.valueType] : [];
    case 'union':
      return d.options ?? [];
    case 'intersection':
      return [d.left, d.right].filter((x): x is z.ZodType => !!x);
    case 'pipe':
      return [d.in, d.out].filter((x): x is z.ZodType => !!x);
    case 'lazy':
      return d.getter ? [d.getter()] : [];
    default:
      return d.innerType ? [d.innerType] : [];
  }
}

const holding = new WeakMap<z.ZodType, boolean>();
function holdsFreeText(schema: z.ZodType, seen = new Set<z.ZodType>()): boolean {
  const known = holding.get(schema);
  if (known !== undefined) return known;
  if (seen.has(schema)) return false;
  seen.add(schema);
  const holds = personalFreeText.has(schema as z.ZodString) || children(schema).some((c) => holdsFreeText(c, seen));
  holding.set(schema, holds);
  return holds;
}

function sealBySchema(crypto: Pick<FieldCrypto, 'encrypt'>, schema: z.ZodType, value: unknown): unknown {
  if (!holdsFreeText(schema)) return value;
  if (typeof value === 'string') return personalFreeText.has(schema as z.ZodString) ? sealFreeText(crypto, value) : sealVia(crypto, children(schema), value);
  const d = defOf(schema);
  if (d.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [k, s] of Object.entries(d.shape ?? {})) if (k in out) out[k] = sealBySchema(crypto, s, out[k]);
    return out;
  }
  if (d.type === 'array' && Array.isArray(value) && d.element) {
    const element = d.element;
    return value.map((v) => sealBySchema(crypto, element, v));
  }
  if (d.type === 'record' && d.valueType && value !== null && typeof value === 'object') {
    const valueType = d.valueType;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sealBySchema(crypto, valueType, v)]));
  }
  if (d.type === 'pipe' && d.out && defOf(d.out).type === 'transform') return d.in ? sealBySchema(crypto, d.in, value) : value;
  if (d.type === 'object' || d.type === 'array' || d.type === 'record') return value;
  return sealVia(crypto, children(schema), value);
}

/** Through each alternative in turn (union options, a pipe's ends, a wrapper's inner schema); sealing twice is harmless. */
function sealVia(crypto: Pick<FieldCrypto, 'encrypt'>, schemas: z.ZodType[], value: unknown): unknown {
  return schemas.reduce((v, s) => sealBySchema(crypto, s, v), value);
}

/** Middleware: every route's parsed body has its personal free text sealed (see validate.ts). */
export function sealingFreeText(crypto: Pick<FieldCrypto, 'encrypt'>): Middleware<AppState> {
  const seal = (schema: z.ZodType, value: unknown): unknown => sealFreeTextIn(crypto, schema, value);
  return async (ctx, next) => {
    ctx.state.sealFreeText = seal;
    await next();
  };
}

/** The clear text, for the upstream call only. */
export function openSealed(crypto: Pick<FieldCrypto, 'decrypt'>, text: string): string {
  return text.replace(TOKEN, (_all, kind: string, _masked: string, sealed: string) => crypto.decrypt(kind as PersonalNumberKind, sealed));
}

/** openSealed over every string in a JSON-like value (an outbox item's data). */
export function openSealedDeep(crypto: Pick<FieldCrypto, 'decrypt'>, value: unknown): unknown {
  if (typeof value === 'string') return openSealed(crypto, value);
  if (Array.isArray(value)) return value.map((v) => openSealedDeep(crypto, v));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openSealedDeep(crypto, v)]));
  }
  return value;
}
