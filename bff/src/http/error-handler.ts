import { z } from 'zod';
import mongoose from 'mongoose';
import { fieldMessageKeys, fieldMessages, isMessageKey, t, type ErrorBody, type ErrorCode, type MessageKey, type MessageParams } from '@zhuanyi/shared';
import { AppError, statusOf } from './errors';
import type { AppMiddleware } from './context';

interface Answer {
  code: ErrorCode;
  messageKey: MessageKey;
  fields?: Record<string, string>;
  /** Catalog key and values of each field's text (when it came from a key). */
  fieldKeys?: Record<string, { key: string; params?: MessageParams }>;
  /** Placeholder values for the message. */
  params?: MessageParams;
  /** True when the error is ours to fix: logged with its stack. */
  internal?: boolean;
}

function numberProp(value: unknown, key: string): number | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v: unknown = Reflect.get(value, key);
  return typeof v === 'number' ? v : undefined;
}

function objectProp(value: unknown, key: string): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v: unknown = Reflect.get(value, key);
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

/** MongoDB's duplicate key error (11000), from the driver, mongoose or a bulk write. */
export function isDuplicateKeyError(err: unknown): boolean {
  if (numberProp(err, 'code') === 11000) return true;
  if (numberProp(objectProp(err, 'cause'), 'code') === 11000) return true;
  const writeErrors: unknown = err !== null && typeof err === 'object' ? Reflect.get(err, 'writeErrors') : undefined;
  return Array.isArray(writeErrors) && writeErrors.some((w: unknown) => numberProp(w, 'code') === 11000);
}

function duplicateFields(err: unknown): Record<string, string> | undefined {
  const pattern = objectProp(err, 'keyPattern') ?? objectProp(objectProp(err, 'cause'), 'keyPattern');
  if (!pattern) return undefined;
  const fields: Record<string, string> = {};
  for (const key of Object.keys(pattern)) fields[key] = t('validation.duplicate');
  return fields;
}

function isMongoUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return ['MongoNetworkError', 'MongoServerSelectionError', 'MongoNotConnectedError', 'MongoTopologyClosedError'].includes(
    err.name,
  );
}

/** Maps anything thrown to an error code and Chinese text. */
export function toAnswer(err: unknown): Answer {
  if (err instanceof AppError) {
    const entries = Object.entries(err.fields ?? {});
    const fields = err.fields ? Object.fromEntries(entries.map(([k, v]) => [k, t(v, err.params)])) : undefined;
    const keyed = entries.filter(([, v]) => isMessageKey(v));
    const fieldKeys = keyed.length
      ? Object.fromEntries(keyed.map(([k, v]) => [k, err.params ? { key: v, params: err.params } : { key: v }]))
      : undefined;
    return { code: err.code, messageKey: err.messageKey, fields, fieldKeys, params: err.params };
  }
  if (err instanceof z.core.$ZodError) {
    return {
      code: 'VALIDATION_FAILED',
      messageKey: 'error.VALIDATION_FAILED',
      fields: fieldMessages(err.issues),
      fieldKeys: fieldMessageKeys(err.issues),
    };
  }
  if (err instanceof mongoose.Error.ValidationError) {
    const fields: Record<string, string> = {};
    for (const [path, e] of Object.entries(err.errors)) {
      fields[path] = e instanceof mongoose.Error.CastError ? t('validation.invalidType') : t('validation.invalid');
    }
    return { code: 'VALIDATION_FAILED', messageKey: 'error.VALIDATION_FAILED', fields };
  }
  if (err instanceof mongoose.Error.CastError) {
    return { code: 'VALIDATION_FAILED', messageKey: 'error.VALIDATION_FAILED', fields: { [err.path]: t('validation.invalidType') } };
  }
  if (isDuplicateKeyError(err)) return { code: 'DUPLICATE', messageKey: 'error.DUPLICATE', fields: duplicateFields(err) };
  if (isMongoUnavailable(err)) return { code: 'SERVICE_UNAVAILABLE', messageKey: 'error.SERVICE_UNAVAILABLE', internal: true };

  // http-errors thrown by Koa, the body parser (co-body) and the router.
  const status = numberProp(err, 'status') ?? numberProp(err, 'statusCode');
  // 4xx only: a client error, answered with our own generic text (co-body's JSON errors lack `expose`).
  if (status !== undefined && status >= 400 && status < 500) {
    if (status === 400) return { code: 'VALIDATION_FAILED', messageKey: 'error.invalidJson' };
    if (status === 401) return { code: 'UNAUTHENTICATED', messageKey: 'error.UNAUTHENTICATED' };
    if (status === 403) return { code: 'FORBIDDEN', messageKey: 'error.FORBIDDEN' };
    if (status === 404) return { code: 'NOT_FOUND', messageKey: 'error.NOT_FOUND' };
    if (status === 405 || status === 501) return { code: 'METHOD_NOT_ALLOWED', messageKey: 'error.METHOD_NOT_ALLOWED' };
    if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', messageKey: 'error.PAYLOAD_TOO_LARGE' };
    if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', messageKey: 'error.UNSUPPORTED_MEDIA_TYPE' };
    if (status === 429) return { code: 'RATE_LIMITED', messageKey: 'error.RATE_LIMITED' };
  }
  return { code: 'INTERNAL', messageKey: 'error.INTERNAL', internal: true };
}

/** First in the chain: turns every thrown error into the shared error body. */
export function errorHandler(): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err: unknown) {
      const answer = toAnswer(err);
      const status = statusOf[answer.code];
      if (answer.internal) ctx.state.log.error({ err }, 'request failed');
      const body: ErrorBody = {
        error: {
          code: answer.code,
          message: t(answer.messageKey, answer.params),
          ...(answer.fields && Object.keys(answer.fields).length > 0 ? { fields: answer.fields } : {}),
          requestId: ctx.state.requestId,
          messageKey: answer.messageKey,
          ...(answer.params ? { params: answer.params } : {}),
          ...(answer.fieldKeys && Object.keys(answer.fieldKeys).length > 0 ? { fieldKeys: answer.fieldKeys } : {}),
        },
      };
      ctx.state.errorCode = answer.code;
      ctx.status = status;
      ctx.body = body;
      // Keep the Allow header the router set on 405.
      const allow = objectProp(err, 'headers');
      if (allow && typeof allow.allow === 'string') ctx.set('Allow', allow.allow);
    }
  };
}
