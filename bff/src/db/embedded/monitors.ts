import type { Engine } from './engine';

/** Background work mongod does on timers: cursor and transaction reaping, TTL expiry. */
export function startMonitors(engine: Engine, ttl?: () => void): { stop(): void } {
  let lastTtl = Date.now();
  const tick = setInterval(() => {
    engine.cursors.reap(engine.params.cursorTimeoutMillis);
    engine.reapTransactions();
    if (ttl && engine.params.ttlMonitorEnabled && Date.now() - lastTtl >= engine.params.ttlMonitorSleepSecs * 1000) {
      lastTtl = Date.now();
      ttl();
    }
  }, 100);
  tick.unref();
  return { stop: () => clearInterval(tick) };
}
