/**
 * Free text (descriptions, notes, addresses) with personal numbers sealed in place. Each number
 * found (shared/domain/personal-numbers) becomes `⟦kind|masked|ciphertext⟧`: what is stored, copied
 * to the PES outbox and kept in idempotency answers never holds it in clear. `maskSealed` shows the
 * masked form (no key needed); `openSealed` restores the number, only for the upstream call.
 */
import { findPersonalNumbers, maskPersonalNumber, type PersonalNumberKind } from '@zhuanyi/shared';
import type { FieldCrypto } from './field-crypto';

const TOKEN = /⟦(idNumber|phone|bankCard)\|([^|⟧]*)\|(v1\.[A-Za-z0-9_-]+)⟧/g;

export function sealFreeText(crypto: Pick<FieldCrypto, 'encrypt'>, text: string): string {
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
