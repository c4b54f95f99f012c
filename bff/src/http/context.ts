import type { Context, DefaultState, Middleware, ParameterizedContext } from 'koa';
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
  /** Set by the error handler for the request log. */
  errorCode?: string;
}

export type AppContext = ParameterizedContext<AppState, Context>;
export type AppMiddleware = Middleware<AppState, Context>;
