import type { ErrorCode } from '@zhuanyi/shared';

/** The server answered with an error body; switch on `code`, show `fields` next to inputs. */
export class ApiError extends Error {
  readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly fields: Readonly<Record<string, string>> = {},
    readonly requestId?: string,
    /** The catalog key of the server's message and its values: rendered in the user's language. */
    readonly messageKey?: string,
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(message);
  }
}

/** No answer from the server: offline, DNS, TLS, or the request timed out. */
export class NetworkError extends Error {
  readonly name = 'NetworkError';
  constructor(
    readonly reason: 'offline' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

/** The server answered 2xx but the body does not match the shared schema. */
export class InvalidResponseError extends Error {
  readonly name = 'InvalidResponseError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export type HttpError = ApiError | NetworkError | InvalidResponseError;

/** The i18n key that explains an error to the user (shared 'error.*' keys or the app's 'client.*'). */
export function errorMessageKey(error: unknown): `error.${ErrorCode}` | 'error.NETWORK' | 'client.timeout' | 'client.badResponse' {
  if (error instanceof ApiError) return `error.${error.code}`;
  if (error instanceof NetworkError) return error.reason === 'timeout' ? 'client.timeout' : 'error.NETWORK';
  if (error instanceof InvalidResponseError) return 'client.badResponse';
  return 'error.INTERNAL';
}
