import type { ErrorCode, MessageKey, MessageParams } from '@zhuanyi/shared';

/** HTTP status for each error code. */
export const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM_FAILED: 502,
  SERVICE_UNAVAILABLE: 503,
};

export interface AppErrorOptions {
  /** i18n key of the message; defaults to `error.<CODE>`. */
  messageKey?: MessageKey;
  params?: MessageParams;
  /** Field path → i18n key (or text). */
  fields?: Record<string, MessageKey | string>;
  cause?: unknown;
}

/** An error the API answers with its code, status and a Chinese message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageKey: MessageKey;
  readonly params: MessageParams | undefined;
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.messageKey ?? `error.${code}`, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = statusOf[code];
    this.messageKey = options.messageKey ?? `error.${code}`;
    this.params = options.params;
    this.fields = options.fields;
  }
}

export class ValidationError extends AppError {
  constructor(fields: Record<string, MessageKey | string>, messageKey?: MessageKey) {
    super('VALIDATION_FAILED', { fields, messageKey });
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends AppError {
  constructor(messageKey: MessageKey = 'error.NOT_FOUND') {
    super('NOT_FOUND', { messageKey });
    this.name = 'NotFoundError';
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super('UNAUTHENTICATED');
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends AppError {
  constructor() {
    super('FORBIDDEN');
    this.name = 'ForbiddenError';
  }
}

export class ConflictError extends AppError {
  constructor(messageKey: MessageKey = 'error.CONFLICT') {
    super('CONFLICT', { messageKey });
    this.name = 'ConflictError';
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super('SERVICE_UNAVAILABLE', { cause });
    this.name = 'ServiceUnavailableError';
  }
}
