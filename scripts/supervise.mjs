// Keeps the BFF running: starts it (and so its embedded engine), restarts it when it dies, with
// a growing pause between quick failures. The BFF exits when its engine dies, so a dead engine
// brings a fresh BFF and engine. A BFF that fails quickly maxQuickFailures times in a row (a
// configuration error, say: its one line says what to fix) is not started again.
import { spawn } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const say = (line) => process.stderr.write(`[supervisor] ${line}\n`);

/**
 * Runs `node --import tsx src/main.ts` in bff/ until a signal stops it.
 * Backoff: firstDelayMs, doubled after each quick failure up to maxDelayMs; reset after stableMs up.
 */
export function superviseBff({ env = process.env, firstDelayMs = 500, maxDelayMs = 30_000, stableMs = 60_000, maxQuickFailures = 5 } = {}) {
  let child = null;
  let stopping = false;
  let delay = firstDelayMs;
  let timer = null;
  let quickFailures = 0;

  const launch = () => {
    timer = null;
    const startedAt = Date.now();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: resolve(root, 'bff'), env, stdio: 'inherit' });
    say(`BFF started (pid ${child.pid})`);
    child.on('exit', (code, signal) => {
      child = null;
      if (stopping) return process.exit(code ?? 0);
      if (Date.now() - startedAt >= stableMs) {
        delay = firstDelayMs;
        quickFailures = 0;
      }
      quickFailures += 1;
      if (quickFailures >= maxQuickFailures) {
        say(`BFF ended ${quickFailures} times in a row soon after starting; not starting it again (see its last lines above)`);
        return process.exit(code || 1);
      }
      say(`BFF ended (${signal ?? `exit code ${code}`}); restarting in ${delay} ms`);
      timer = setTimeout(launch, delay);
      delay = Math.min(delay * 2, maxDelayMs);
    });
  };

  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      stopping = true;
      if (timer) {
        clearTimeout(timer);
        process.exit(0);
      }
      child?.kill(sig);
    });
  }
  launch();
}

// `node scripts/supervise.mjs`: supervise without building the H5 app first (tests).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) superviseBff();
