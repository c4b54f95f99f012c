import pino, { type Logger } from 'pino';
import { redactText, redactValue } from './redact';

export type { Logger };

/** A pino logger whose every record passes through key- and pattern-based redaction. */
export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'bff' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (obj) => {
          const clean = redactValue(obj);
          return clean !== null && typeof clean === 'object' && !Array.isArray(clean) ? (clean as Record<string, unknown>) : {};
        },
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a: unknown) => (typeof a === 'string' ? redactText(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}
