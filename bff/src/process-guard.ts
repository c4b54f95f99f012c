/**
 * Last resort for errors nothing else caught. A rejected promise or a failed network/database
 * stream concerns one request: it is logged and the BFF keeps serving. Anything else may have left
 * the process in a state nobody planned for: it is logged and the process exits with 1, so the
 * supervisor (`npm start`) starts a fresh one. A burst of "contained" errors also ends the process.
 */
import type { Logger } from './logging/logger';

/** Error codes and names of failures that belong to one connection or one stream. */
const CONTAINED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);
const CONTAINED_NAMES = /^Mongo\w*Error$/;
const BURST = { max: 50, windowMs: 60_000 };

export function isContained(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = Reflect.get(err, 'code');
  return (typeof code === 'string' && CONTAINED_CODES.has(code)) || CONTAINED_NAMES.test(err.name);
}

export interface GuardedProcess {
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  exit(code: number): void;
}

let installed = false;

export function installLastResort(logger: Logger, proc: GuardedProcess = process, opts: { now?: () => number } = {}): void {
  if (proc === process) {
    if (installed) return;
    installed = true;
  }
  const now = opts.now ?? Date.now;
  let recent: number[] = [];
  const tooMany = (): boolean => {
    const t = now();
    recent = [...recent.filter((x) => t - x < BURST.windowMs), t];
    return recent.length > BURST.max;
  };
  const fatal = (err: unknown, msg: string) => {
    logger.fatal({ err }, msg);
    logger.flush?.();
    proc.exit(1);
  };
  proc.on('unhandledRejection', (reason) => {
    if (tooMany()) return fatal(reason, 'too many unhandled errors in a minute; exiting so a fresh process takes over');
    logger.error({ err: reason }, 'unhandled promise rejection (the request it belonged to failed; still serving)');
  });
  proc.on('uncaughtException', (err) => {
    if (!isContained(err)) return fatal(err, 'uncaught exception; exiting so a fresh process takes over');
    if (tooMany()) return fatal(err, 'too many unhandled errors in a minute; exiting so a fresh process takes over');
    logger.error({ err }, 'uncaught stream error (one connection or upload failed; still serving)');
  });
}
