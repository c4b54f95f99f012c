/**
 * Runs the spreadsheet parse in a worker thread so a heavy file never holds up the API's event
 * loop; the worker has its own memory cap and a deadline, and at most two run at once.
 */
import { Worker } from 'node:worker_threads';
import type { TableLimits, TableResult } from './sheet-table';

const ENTRY = require.resolve('./sheet-worker.ts');
// The worker is a fresh thread: it loads TypeScript through tsx, as the BFF itself does.
const BOOT = `require('tsx/cjs'); require(${JSON.stringify(ENTRY)});`;
const MAX_PARALLEL = 2;
export const SHEET_PARSE_TIMEOUT_MS = 20_000;
const MEMORY_MB = 512;

let running = 0;
const waiting: Array<() => void> = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  return () => {
    running -= 1;
    waiting.shift()?.();
  };
}

/** The table, or the limit it broke; 'tooComplex' when the worker ran out of time or memory. */
export async function readTableOffThread(
  buffer: Buffer,
  format: 'xlsx' | 'csv',
  limits: TableLimits,
  timeoutMs = SHEET_PARSE_TIMEOUT_MS,
): Promise<TableResult | { ok: false; problem: 'tooComplex' }> {
  const release = await slot();
  try {
    const worker = new Worker(BOOT, { eval: true, workerData: { buffer, format, limits }, resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB } });
    return await new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve({ ok: false, problem: 'tooComplex' });
        void worker.terminate();
      }, timeoutMs);
      worker.once('message', (result: TableResult) => {
        clearTimeout(timer);
        resolve(result);
        void worker.terminate();
      });
      worker.once('error', () => {
        clearTimeout(timer);
        resolve({ ok: false, problem: 'tooComplex' });
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve({ ok: false, problem: 'tooComplex' });
      });
    });
  } finally {
    release();
  }
}
