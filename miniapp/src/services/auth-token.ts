import Taro from '@tarojs/taro';
import { AuthSubjectSchema, type AuthSubject, type TokenPair } from '@zhuanyi/shared';

const TOKEN_KEY = 'auth.accessToken';
const REFRESH_KEY = 'auth.refreshToken';
const SUBJECT_KEY = 'auth.subject';

function readString(key: string): string | null {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();
let version = 0;
function notify(): void {
  version += 1;
  listeners.forEach((listener) => listener());
}

/** For useSyncExternalStore: changes whenever the session does. */
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export function sessionVersion(): number {
  return version;
}

/** The access token the sign-in flow stores; read on every request. */
export function getAccessToken(): string | null {
  return readString(TOKEN_KEY);
}

export function setAccessToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
  notify();
}

export function clearAccessToken(): void {
  Taro.removeStorageSync(TOKEN_KEY);
  notify();
}

export function getRefreshToken(): string | null {
  return readString(REFRESH_KEY);
}

/** Who is signed in, as the BFF last said; null when signed out. */
export function getSubject(): AuthSubject | null {
  const raw = readString(SUBJECT_KEY);
  if (!raw || !getAccessToken()) return null;
  try {
    const parsed = AuthSubjectSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveSession(pair: Pick<TokenPair, 'accessToken' | 'refreshToken' | 'subject'>): void {
  Taro.setStorageSync(TOKEN_KEY, pair.accessToken);
  Taro.setStorageSync(REFRESH_KEY, pair.refreshToken);
  Taro.setStorageSync(SUBJECT_KEY, JSON.stringify(pair.subject));
  notify();
}

/** Keeps the tokens, updates who they belong to (e.g. after registration gives a workerId). */
export function saveSubject(subject: AuthSubject): void {
  Taro.setStorageSync(SUBJECT_KEY, JSON.stringify(subject));
  notify();
}

export function clearSession(): void {
  // Drafts (draft-store.ts, keys `draft.*`) go with the session: the next person sees empty forms.
  try {
    for (const key of Taro.getStorageInfoSync().keys) if (key.startsWith('draft.')) Taro.removeStorageSync(key);
  } catch {
    // Storage unavailable: nothing kept either.
  }
  Taro.removeStorageSync(TOKEN_KEY);
  Taro.removeStorageSync(REFRESH_KEY);
  Taro.removeStorageSync(SUBJECT_KEY);
  notify();
}
