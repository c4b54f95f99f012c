import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger';
import type { AppMiddleware } from './context';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (a sane incoming X-Request-Id is kept), a child logger on
 * ctx.state.log, and one log line when it ends: method, path, status, duration.
 */
export function requestContext(logger: Logger): AppMiddleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ reqId: requestId });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const status = ctx.status;
      const line = {
        req: { method: ctx.method, url: ctx.originalUrl, ip: ctx.ip, userAgent: ctx.get('User-Agent') },
        res: { status, errorCode: ctx.state.errorCode },
        ms: Math.round(ms * 10) / 10,
      };
      if (status >= 500) ctx.state.log.error(line, 'request done');
      else ctx.state.log.info(line, 'request done');
    }
  };
}
