import Taro from '@tarojs/taro';
import { ErrorBodySchema, TokenPairSchema, type ErrorCode } from '@zhuanyi/shared';
import type { z } from 'zod';
import { appConfig } from '@/config';
import { hasMessage, t } from '@/i18n';
import { clearSession, getAccessToken, getRefreshToken, saveSession } from './auth-token';
import { ApiError, InvalidResponseError, NetworkError } from './errors';

export { ApiError, InvalidResponseError, NetworkError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<S extends z.ZodType> {
  method?: HttpMethod;
  /** Path under the API base, e.g. '/jobs'. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** The shared zod schema the 2xx body must match. */
  schema: S;
  /** Makes a write safe to retry: the server answers a repeat with the first answer. */
  idempotencyKey?: string;
  timeoutMs?: number;
  /** Retries after the first attempt, for idempotent calls only. */
  retries?: number;
}

/** The slice of Taro.request the client uses; tests pass their own. */
export interface RawResponse {
  statusCode: number;
  data: unknown;
  header?: Record<string, string | undefined>;
}
export interface RawRequest {
  url: string;
  method: HttpMethod;
  header: Record<string, string>;
  data?: unknown;
  timeout: number;
}
export interface Transport {
  send(request: RawRequest): { response: Promise<RawResponse>; abort(): void };
}

export interface HttpClientDeps {
  baseUrl: string;
  transport: Transport;
  getToken: () => string | null;
  sleep: (ms: number) => Promise<void>;
  /** 0 <= random() < 1, for backoff jitter. */
  random: () => number;
  timeoutMs: number;
  /** Gets new tokens after a 401; true when the request may be sent again. */
  refresh?: () => Promise<boolean>;
}

export const DEFAULT_RETRIES = 2;
const BACKOFF_BASE_MS = 400;
const BACKOFF_CAP_MS = 5_000;
const RETRYABLE_STATUS = new Set([408, 429, 502, 503, 504]);

function buildQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'VALIDATION_FAILED';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL';
}

/** Field texts in the user's language where the server sent the key (the Chinese text otherwise). */
function localizedFields(
  fields: Record<string, string> | undefined,
  keys: Record<string, { key: string; params?: Record<string, string | number> }> | undefined,
): Record<string, string> {
  const out: Record<string, string> = { ...fields };
  for (const [path, { key, params }] of Object.entries(keys ?? {})) {
    if (hasMessage(key)) out[path] = t(key, params);
  }
  return out;
}

/** Map a non-2xx answer to ApiError, trusting the error body when it has the agreed shape. */
export function toApiError(status: number, data: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(data);
  if (parsed.success) {
    const { code, message, fields, requestId, messageKey, params, fieldKeys } = parsed.data.error;
    return new ApiError(code, message, status, localizedFields(fields, fieldKeys), requestId, messageKey, params);
  }
  return new ApiError(codeForStatus(status), `HTTP ${status}`, status);
}

/** Taro reports failures as { errMsg: 'request:fail ...' }. */
function toNetworkError(failure: unknown): NetworkError {
  const errMsg =
    typeof failure === 'object' && failure !== null && 'errMsg' in failure
      ? String((failure as { errMsg: unknown }).errMsg)
      : failure instanceof Error
        ? failure.message
        : String(failure);
  return new NetworkError(/timeout|timed out/i.test(errMsg) ? 'timeout' : 'offline', errMsg);
}

function retryAfterMs(header: RawResponse['header']): number | null {
  const raw = header?.['Retry-After'] ?? header?.['retry-after'];
  if (!raw) return null;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, BACKOFF_CAP_MS) : null;
}

/** Sign-in and refresh answer 401 for bad codes or tokens: never refresh for those. */
function isSignInPath(path: string): boolean {
  return path.startsWith('/auth/') && path !== '/auth/me';
}

function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && RETRYABLE_STATUS.has(error.status);
}

/** The last answer of a GET that came with an ETag, so the same GET can ask "changed since?" and a 304 costs no body. */
interface Validated {
  etag: string;
  data: unknown;
}
const VALIDATED_MAX = 30;

function headerValue(header: RawResponse['header'], name: string): string | undefined {
  if (!header) return undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(header)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError; retryAfter: number | null };

export function createHttpClient(deps: HttpClientDeps) {
  const validated = new Map<string, Validated>();
  const remember = (url: string, etag: string, data: unknown): void => {
    validated.delete(url);
    validated.set(url, { etag, data });
    if (validated.size > VALIDATED_MAX) validated.delete(validated.keys().next().value as string);
  };

  async function attempt<S extends z.ZodType>(options: RequestOptions<S>, method: HttpMethod): Promise<Outcome<z.output<S>>> {
    const header: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) header['Content-Type'] = 'application/json';
    const token = deps.getToken();
    if (token) header.Authorization = `Bearer ${token}`;
    if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;

    const url = `${deps.baseUrl}${options.path}${buildQuery(options.query)}`;
    const known = method === 'GET' ? validated.get(url) : undefined;
    if (known) header['If-None-Match'] = known.etag;

    const timeout = options.timeoutMs ?? deps.timeoutMs;
    const task = deps.transport.send({
      url,
      method,
      header,
      data: options.body,
      timeout,
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        task.abort();
        reject(new NetworkError('timeout', `timeout after ${timeout} ms`));
      }, timeout);
    });
    let raw: RawResponse;
    try {
      raw = await Promise.race([task.response, timedOut]);
    } catch (failure) {
      throw failure instanceof NetworkError ? failure : toNetworkError(failure);
    } finally {
      clearTimeout(timer);
    }

    const unchanged = raw.statusCode === 304 && known !== undefined;
    const data = unchanged ? known.data : parseBody(raw.data);
    if (!unchanged && (raw.statusCode < 200 || raw.statusCode >= 300)) {
      return { ok: false, error: toApiError(raw.statusCode, data), retryAfter: retryAfterMs(raw.header) };
    }
    const parsed = options.schema.safeParse(data);
    if (!parsed.success) {
      throw new InvalidResponseError(options.path, parsed.error.message);
    }
    const etag = method === 'GET' ? headerValue(raw.header, 'ETag') : undefined;
    if (etag) remember(url, etag, data);
    return { ok: true, value: parsed.data as z.output<S> };
  }

  /** One request, parsed with its schema; idempotent calls retry with exponential backoff and jitter. */
  async function request<S extends z.ZodType>(options: RequestOptions<S>): Promise<z.output<S>> {
    const method = options.method ?? 'GET';
    const idempotent = method === 'GET' || Boolean(options.idempotencyKey);
    const retries = idempotent ? (options.retries ?? DEFAULT_RETRIES) : 0;

    let refreshed = false;
    for (let n = 0; ; n += 1) {
      let failure: unknown;
      let retryAfter: number | null = null;
      try {
        const outcome = await attempt(options, method);
        if (outcome.ok) return outcome.value;
        failure = outcome.error;
        retryAfter = outcome.retryAfter;
      } catch (error) {
        failure = error;
      }
      // An expired access token: refresh once, then send again (not counted as a retry).
      if (failure instanceof ApiError && failure.status === 401 && !refreshed && deps.refresh && !isSignInPath(options.path)) {
        refreshed = true;
        if (await deps.refresh()) {
          n -= 1;
          continue;
        }
      }
      if (n >= retries || !isRetryable(failure)) throw failure;
      const backoff = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** n);
      await deps.sleep(retryAfter ?? Math.round(backoff / 2 + deps.random() * (backoff / 2)));
    }
  }

  return {
    request,
    get: <S extends z.ZodType>(path: string, schema: S, query?: RequestOptions<S>['query']) =>
      request({ method: 'GET', path, schema, query }),
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

/** Taro.request as a Transport: resolves with any HTTP status, rejects only when nothing came back. */
export const taroTransport: Transport = {
  send(req) {
    const task = Taro.request<unknown>({
      url: req.url,
      method: req.method,
      // WeChat unzips a gzip answer when asked for one; a browser sets this header itself.
      header: process.env.TARO_ENV === 'weapp' ? { 'Accept-Encoding': 'gzip', ...req.header } : req.header,
      data: req.data as TaroGeneral.IAnyObject | undefined,
      timeout: req.timeout,
      dataType: 'json',
    });
    return {
      response: task.then((res) => ({
        statusCode: res.statusCode,
        data: res.data,
        header: res.header as Record<string, string | undefined>,
      })),
      abort: () => task.abort(),
    };
  },
};

/** A key for a write the phone may resend; keep it with the draft so a resend reuses it. */
export function createIdempotencyKey(): string {
  const rand = () => Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  return `${Date.now().toString(36)}-${rand()}${rand()}${rand()}`;
}

const baseDeps: HttpClientDeps = {
  baseUrl: appConfig.apiBaseUrl,
  transport: taroTransport,
  getToken: getAccessToken,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  timeoutMs: appConfig.requestTimeoutMs,
};

export interface SessionStore {
  getRefreshToken: () => string | null;
  save: (pair: z.output<typeof TokenPairSchema>) => void;
  clear: () => void;
}

/**
 * POST /auth/refresh with the stored refresh token; concurrent 401s share one refresh.
 * A refused refresh token signs the user out.
 */
export function createRefresher(client: HttpClient, store: SessionStore): () => Promise<boolean> {
  let running: Promise<boolean> | null = null;
  return () => {
    const refreshToken = store.getRefreshToken();
    if (!refreshToken) return Promise.resolve(false);
    running ??= client
      .request({ method: 'POST', path: '/auth/refresh', body: { refreshToken }, schema: TokenPairSchema, retries: 0 })
      .then(
        (pair) => {
          store.save(pair);
          return true;
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.status < 500) store.clear();
          return false;
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
}

/** Exchanges the refresh token for new tokens now (e.g. after registration adds a workerId). */
export const refreshSession = createRefresher(createHttpClient(baseDeps), { getRefreshToken, save: saveSession, clear: clearSession });

export const http = createHttpClient({ ...baseDeps, refresh: refreshSession });
