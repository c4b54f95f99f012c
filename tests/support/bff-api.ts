/** Talking to a running BFF from browser tests: JSON calls, the development SMS code, and signed-in phone contexts. */
import type { Browser, BrowserContext } from 'playwright-core';
import { PRIVACY_NOTICE_VERSION, TokenPairSchema, type TokenPair } from '@zhuanyi/shared';
import type { RunningBff } from './bff-process';
import { newDesktopContext, newPhoneContext } from './browser';

export interface ApiInit {
  /** Defaults to GET without a body, POST with one. */
  method?: string;
  body?: unknown;
  token?: string;
  key?: string;
}

/** GET, or POST with `body` (JSON), or `method`; throws on a non-2xx answer; returns the JSON. */
export async function apiJson(bff: RunningBff, path: string, init: ApiInit = {}): Promise<unknown> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.key) headers['Idempotency-Key'] = init.key;
  const res = await fetch(`${bff.baseUrl}/api/v1${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${path} ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** apiJson, then `parse` (a schema's parse, say) on the answer. */
export async function api<T>(bff: RunningBff, path: string, init: ApiInit, parse: (v: unknown) => T): Promise<T> {
  return parse(await apiJson(bff, path, init));
}

/** The newest development SMS code the BFF logged after `since` characters of its output. */
export async function smsCode(bff: RunningBff, since: number): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const codes = [...bff.output().slice(since).matchAll(/"devLoginCode":"(\d{6})"/g)];
    const last = codes[codes.length - 1];
    if (last?.[1]) return last[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no SMS code in the BFF log');
}

/** A worker signed in by phone + SMS code through the API. */
export async function workerBySms(bff: RunningBff, phone: string): Promise<TokenPair> {
  const since = bff.output().length;
  await apiJson(bff, '/auth/sms/code', { body: { phone } });
  return TokenPairSchema.parse(await apiJson(bff, '/auth/sms', { body: { phone, code: await smsCode(bff, since) } }));
}

/** The worker agrees to the privacy notice and to sensitive personal information (needed before 实名登记). */
export async function agreeToPrivacy(bff: RunningBff, token: string): Promise<void> {
  await apiJson(bff, '/consents/me', { body: { noticeVersion: PRIVACY_NOTICE_VERSION, purposes: ['personal_info', 'sensitive_info'] }, token });
}

/** A staff-side (or broker) account signed in with its password. */
export async function staffByPassword(bff: RunningBff, who: { username: string; password: string }): Promise<TokenPair> {
  return TokenPairSchema.parse(await apiJson(bff, '/auth/password', { body: { username: who.username, password: who.password } }));
}

/** Opens every page of `context` signed in as `pair` (Taro H5 keeps storage as {"data": value}); later changes by the app are kept. */
async function withSession(context: BrowserContext, pair: TokenPair): Promise<BrowserContext> {
  const items = { 'auth.accessToken': pair.accessToken, 'auth.refreshToken': pair.refreshToken, 'auth.subject': JSON.stringify(pair.subject) };
  await context.addInitScript((entries: Record<string, string>) => {
    for (const [k, v] of Object.entries(entries)) if (!localStorage.getItem(k)) localStorage.setItem(k, JSON.stringify({ data: v }));
  }, items);
  return context;
}

/** A 360×640 phone context already signed in as `pair`. */
export async function signedInPhone(browser: Browser, pair: TokenPair): Promise<BrowserContext> {
  return withSession(await newPhoneContext(browser), pair);
}

/** A 1280×800 touch-enabled desktop context already signed in as `pair`. */
export async function signedInDesktop(browser: Browser, pair: TokenPair): Promise<BrowserContext> {
  return withSession(await newDesktopContext(browser, true), pair);
}
