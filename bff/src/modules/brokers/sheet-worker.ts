/** Worker thread entry: reads one spreadsheet's table (sheet-table.ts) and posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { readTable, type TableLimits } from './sheet-table';

interface Job {
  buffer: Uint8Array;
  format: 'xlsx' | 'csv';
  limits: TableLimits;
}

const job = workerData as Job;
readTable(Buffer.from(job.buffer.buffer, job.buffer.byteOffset, job.buffer.byteLength), job.format, job.limits).then(
  (result) => parentPort?.postMessage(result),
  () => parentPort?.postMessage({ ok: false, problem: 'unreadable' }),
);
