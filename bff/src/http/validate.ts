import type { z } from 'zod';
import type { Context } from 'koa';
import type {} from '@koa/bodyparser'; // adds request.body to Koa's types
import type { RouterMiddleware } from '@koa/router';
import { messageKeyErrorMap } from '@zhuanyi/shared';
import type { AppState } from './context';

export type { ValidatedInput } from './context';

export interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}


/**
 * Parses params, query and body with their schemas (issues carry i18n keys) and keeps the
 * parsed values in ctx.state.validated; the parsed body also replaces ctx.request.body.
 * Personal free text in the body (shared `sealedText`) reaches the handler sealed.
 * A failure throws the ZodError, which the error handler answers as 400 VALIDATION_FAILED.
 */
export function validate(schemas: RequestSchemas): RouterMiddleware<AppState, Context> {
  return async (ctx, next) => {
    const parse = (schema: z.ZodType | undefined, input: unknown): unknown => {
      if (!schema) return undefined;
      const r = schema.safeParse(input, { error: messageKeyErrorMap });
      if (!r.success) throw r.error;
      return r.data;
    };
    const params = parse(schemas.params, ctx.params);
    const query = parse(schemas.query, ctx.query);
    const rawBody: unknown = ctx.request.body;
    const body = parse(schemas.body, rawBody === undefined ? {} : rawBody);
    if (schemas.body) ctx.request.body = body;
    // The handler gets personal numbers in free text already sealed; request.body stays as sent (the idempotency hash).
    const seal = ctx.state.sealFreeText;
    ctx.state.validated = { params, query, body: schemas.body && seal ? seal(schemas.body, body) : body };
    await next();
  };
}
