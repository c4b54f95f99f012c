import type { Context, DefaultState, Middleware, ParameterizedContext } from 'koa';
import type { ZodType } from 'zod';
import type { Logger } from '../logging/logger';

/** Parsed input, set by `validate()`. */
export interface ValidatedInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** What our middleware puts on ctx.state. */
export interface AppState extends DefaultState {
  requestId: string;
  log: Logger;
  /** Parsed request input, set by `validate()`. */
  validated?: ValidatedInput;
  /** Seals the personal free text in a parsed body (set by app.ts; validate() calls it). */
  sealFreeText?: (schema: ZodType, value: unknown) => unknown;
  /** Set by the error handler for the request log. */
  errorCode?: string;
}

export type AppContext = ParameterizedContext<AppState, Context>;
export type AppMiddleware = Middleware<AppState, Context>;
