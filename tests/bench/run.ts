// `npm run bench`: runs every benchmark, prints one table, writes bench-results.json at the repository root.
// Each benchmark runs in a child process of its own, so one's memory (the figures include peak RSS) or
// failure does not touch the others. `npm run bench -- jobs engine` runs only those
// (`npm run bench -- h5`: the H5 first screen on a weak signal).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

type Bench = { name: string; run: () => Promise<Record<string, number>> };

const benches: Bench[] = [
  { name: 'engine', run: async () => (await import('../../bff/src/db/embedded/bench')).runEngineBench() },
  { name: 'jobs', run: async () => (await import('../../bff/src/modules/jobs/jobs.bench')).runJobSearchBench() },
  { name: 'reports', run: async () => (await import('../../bff/src/modules/reports/reports.bench')).runMonthlyReportBench() },
  { name: 'brokers', run: async () => (await import('../../bff/src/modules/brokers/brokers.bench')).runBrokerImportBench() },
  // Needs the H5 build (npm run build:h5): the first screen at 400 kbps / 400 ms in Chromium.
  { name: 'h5', run: async () => (await import('./h5.bench')).runH5FirstScreenBench() },
];

const RESULT_PREFIX = 'BENCH_RESULT ';

async function runChild(name: string): Promise<void> {
  const bench = benches.find((b) => b.name === name);
  if (!bench) throw new Error(`no benchmark named ${name}`);
  const figures = await bench.run();
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(figures)}\n`);
}

function runAll(only: string[]): void {
  const results: Record<string, number> = {};
  const failed: string[] = [];
  for (const b of benches) {
    if (only.length && !only.includes(b.name)) continue;
    const started = Date.now();
    console.log(`[bench] ${b.name} ...`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', b.name], {
      cwd: __dirname,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    process.stdout.write(r.stdout.split('\n').filter((l) => !l.startsWith(RESULT_PREFIX)).join('\n'));
    if (r.status !== 0 || !line) {
      failed.push(b.name);
      console.log(`[bench] ${b.name} FAILED (exit ${r.status ?? r.signal})`);
      continue;
    }
    Object.assign(results, JSON.parse(line.slice(RESULT_PREFIX.length)) as Record<string, number>);
    console.log(`[bench] ${b.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const width = Math.max(...Object.keys(results).map((k) => k.length), 6);
  console.log(`\n${'figure'.padEnd(width)}  value`);
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(width)}  ${Number.isInteger(v) ? v : v.toFixed(2)}`);
  const out = join(resolve(__dirname, '../..'), 'bench-results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
  if (failed.length) {
    console.log(`failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

const args = process.argv.slice(2);
const childAt = args.indexOf('--child');
if (childAt >= 0) {
  runChild(args[childAt + 1] ?? '').then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  runAll(args);
}
