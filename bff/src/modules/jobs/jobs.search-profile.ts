/**
 * A developer's look at uncached search cost, without HTTP: the bench's jobs (BENCH_JOBS, default
 * 100,000; BENCH_WORKERS=0 skips the workers) in an in-process engine, then the bench's searches
 * (N of them, default 3,000, or URLS=a,b repeated 500 times) run one after another twice; the second
 * round is timed. Prints mean/p50/p95/p99/max and the slowest searches with their plan from explain.
 * PROFILE=file.cpuprofile records a CPU profile of the timed round; ALLOC=file.heapprofile a sampling
 * allocation profile of it (what makes the garbage the scavenger collects).
 *   BENCH_WORKERS=0 npx tsx src/modules/jobs/jobs.search-profile.ts   (in bff/)
 * Not a benchmark figure: `npm run bench -- jobs` measures search under load.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import mongoose from 'mongoose';
import type { Document } from 'mongodb';
import { ensureIndexes } from '../../db/connection';
import { startEmbeddedMongo } from '../../db/embedded';
import { Job } from './job.model';
import { baseQueries, seed } from './jobs.bench';
import { findJobs, JOB_LIST_SORT, jobQueryFilter, type JobFilter } from './jobs.repository';

function filterOf(url: string, openAt: Date): JobFilter {
  const p = new URLSearchParams(url.split('?')[1] ?? '');
  const f: JobFilter = { openAt };
  const text = (k: string): string | undefined => p.get(k) ?? undefined;
  f.keyword = text('q');
  f.regionCode = text('regionCode');
  f.trade = text('trade');
  if (p.has('payMinFen')) f.payMinFen = Number(p.get('payMinFen'));
  if (p.has('payMaxFen')) f.payMaxFen = Number(p.get('payMaxFen'));
  if (p.has('mealsAndLodging')) f.mealsAndLodging = true;
  if (p.has('transport')) f.transport = 'organized';
  if (p.has('publicWelfare')) f.publicWelfare = true;
  return f;
}

/** The winning plan in a few words: an index name, or AND(...) of an intersection's first fields. */
function planOf(explained: Document): string {
  const input = ((explained.queryPlanner as Document).winningPlan as Document).inputStage as Document | undefined;
  if (!input) return 'COLLSCAN';
  if (input.stage === 'AND_SORTED') return `AND(${(input.inputStages as Document[]).map((s) => String(s.indexName).split('_')[0]).join(',')})`;
  return String(input.indexName);
}

async function main(): Promise<void> {
  const engine = await startEmbeddedMongo({ dbPath: null, port: 0 });
  await mongoose.connect(engine.uri, { autoIndex: false });
  await ensureIndexes();
  const seeded = Date.now();
  await seed();
  console.log(`seeded in ${Date.now() - seeded} ms`);
  const urls = process.env.URLS ? Array.from({ length: 500 }, () => (process.env.URLS as string).split(',')).flat() : baseQueries(Number(process.env.N ?? 3000));
  const openAt = new Date();
  const session = process.env.PROFILE || process.env.ALLOC ? new Session() : null;
  session?.connect();
  await session?.post('Profiler.enable');
  let times: { ms: number; url: string }[] = [];
  for (let round = 0; round < 2; round++) {
    times = [];
    if (round === 1 && process.env.PROFILE) await session?.post('Profiler.start');
    if (round === 1 && process.env.ALLOC) await session?.post('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (const url of urls) {
      const started = performance.now();
      await findJobs(filterOf(url, openAt), undefined, 21);
      times.push({ ms: performance.now() - started, url });
    }
  }
  if (session && process.env.PROFILE) writeFileSync(process.env.PROFILE, JSON.stringify((await session.post('Profiler.stop')).profile));
  if (session && process.env.ALLOC) writeFileSync(process.env.ALLOC, JSON.stringify((await session.post('HeapProfiler.stopSampling')).profile));
  const sorted = [...times].sort((a, b) => a.ms - b.ms);
  const at = (q: number): string => (sorted[Math.floor(q * (sorted.length - 1))]?.ms ?? 0).toFixed(2);
  const mean = times.reduce((a, b) => a + b.ms, 0) / times.length;
  console.log(`n=${times.length} mean=${mean.toFixed(2)} p50=${at(0.5)} p95=${at(0.95)} p99=${at(0.99)} max=${at(1)} ms`);
  for (const t of sorted.slice(-15)) {
    const e = (await Job.collection.find(jobQueryFilter(filterOf(t.url, openAt), undefined) as Document, { sort: JOB_LIST_SORT, limit: 21 }).explain('executionStats')) as Document;
    const stats = e.executionStats as Document;
    console.log(`${t.ms.toFixed(1)} ms ${decodeURIComponent(t.url)} ${planOf(e)} keys ${String(stats.totalKeysExamined)} docs ${String(stats.totalDocsExamined)} returned ${String(stats.nReturned)}`);
  }
  await mongoose.disconnect();
  await engine.stop();
}

void main();
