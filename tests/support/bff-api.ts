/** Talking to a running BFF from browser tests: JSON calls, the development SMS code, and signed-in phone contexts. */
import type { Browser, BrowserContext } from 'playwright-core';
import { TokenPairSchema, type TokenPair } from '@zhuanyi/shared';
import type { RunningBff } from './bff-process';
import { newPhoneContext } from './browser';

/** GET, or POST with `body` (JSON); throws on a non-2xx answer; returns the JSON. */
export async function apiJson(bff: RunningBff, path: string, init: { body?: unknown; token?: string; key?: string } = {}): Promise<unknown> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.key) headers['Idempotency-Key'] = init.key;
  const res = await fetch(`${bff.baseUrl}/api/v1${path}`, { method: init.body === undefined ? 'GET' : 'POST', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${path} ${res.status} ${JSON.stringify(body)}`);
  return body;
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

/** A staff-side account signed in with its password. */
export async function staffByPassword(bff: RunningBff, who: { username: string; password: string }): Promise<TokenPair> {
  return TokenPairSchema.parse(await apiJson(bff, '/auth/password', { body: who }));
}

/** A 360×640 phone context already signed in as `pair` (Taro H5 keeps storage as {"data": value}); later changes by the app are kept. */
export async function signedInPhone(browser: Browser, pair: TokenPair): Promise<BrowserContext> {
  const context = await newPhoneContext(browser);
  const items = { 'auth.accessToken': pair.accessToken, 'auth.refreshToken': pair.refreshToken, 'auth.subject': JSON.stringify(pair.subject) };
  await context.addInitScript((entries: Record<string, string>) => {
    for (const [k, v] of Object.entries(entries)) if (!localStorage.getItem(k)) localStorage.setItem(k, JSON.stringify({ data: v }));
  }, items);
  return context;
}
