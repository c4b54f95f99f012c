// `npm run bench`: runs every benchmark, prints one table, writes bench-results.json at the repository root.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

type Bench = { name: string; run: () => Promise<Record<string, number>> };

const benches: Bench[] = [
  { name: 'engine', run: async () => (await import('../../bff/src/db/embedded/bench')).runEngineBench() },
  { name: 'jobs', run: async () => (await import('../../bff/src/modules/jobs/jobs.bench')).runJobSearchBench() },
  { name: 'reports', run: async () => (await import('../../bff/src/modules/reports/reports.bench')).runMonthlyReportBench() },
  { name: 'brokers', run: async () => (await import('../../bff/src/modules/brokers/brokers.bench')).runBrokerImportBench() },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: Record<string, number> = {};
  for (const b of benches) {
    if (only.length && !only.includes(b.name)) continue;
    const started = Date.now();
    console.log(`[bench] ${b.name} ...`);
    Object.assign(results, await b.run());
    console.log(`[bench] ${b.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const width = Math.max(...Object.keys(results).map((k) => k.length), 6);
  console.log(`\n${'figure'.padEnd(width)}  value`);
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(width)}  ${Number.isInteger(v) ? v : v.toFixed(2)}`);
  const out = join(resolve(__dirname, '../..'), 'bench-results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
