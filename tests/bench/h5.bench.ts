import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startBff } from '../support/bff-process';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { measureFirstScreen, WEAK_SIGNAL } from '../support/weak-signal';

const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The H5 first screen on a weak signal (400 kbps each way, 400 ms latency, Chromium network emulation),
 * the built app served by the real BFF, each run in a fresh phone context (empty cache), median of 3:
 * h5.firstPageBytes (target ≤ 250,000), h5.firstJobsMs (target ≤ 6,000) and h5.loadingSignMs (target ≤ 1,000).
 * Needs `npm run build:h5` first.
 */
export async function runH5FirstScreenBench(): Promise<Record<string, number>> {
  if (!existsSync(join(repoRoot, 'miniapp/dist/h5/index.html'))) throw new Error('no H5 build: run `npm run build:h5` first');
  const bff = await startBff();
  const browser = await launchBrowser();
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) {
      const context = await newPhoneContext(browser);
      runs.push(await measureFirstScreen(context, bff.baseUrl, 60_000));
      await context.close();
    }
    console.log(`[bench] h5 at ${WEAK_SIGNAL.downloadKbps} kbps / ${WEAK_SIGNAL.latencyMs} ms: ${runs.map((r) => `${r.firstPageBytes} B, jobs ${r.firstJobsMs} ms, sign ${r.loadingSignMs} ms`).join('; ')}`);
    return {
      'h5.firstPageBytes': median(runs.map((r) => r.firstPageBytes)),
      'h5.firstJobsMs': median(runs.map((r) => r.firstJobsMs)),
      'h5.loadingSignMs': median(runs.map((r) => r.loadingSignMs)),
    };
  } finally {
    await browser.close();
    await bff.stop();
  }
}
