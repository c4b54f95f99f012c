/**
 * Job search under load: 100,000 jobs and 200,000 workers in the embedded engine (in a process of
 * its own, as a database server runs); the real app on one port and a bare Koa endpoint on another,
 * in this process; the load comes from autocannon in a
 * child process (50 connections, 10 s per run, accepting gzip as browsers and WeChat do), the same way
 * for every run, so the ratio is fair.
 * The searches: 20,000 distinct filter/keyword combinations (the 1,000 most asked with their pages 2
 * and 3), drawn Zipf (rank r ∝ 1/r), so most URLs are asked rarely and a cache cannot hold the mix.
 * Nothing is cached before timing: the cursors are found through the uncached app. Each run follows
 * an unmeasured warm-up of the same load (WARMUP_S).
 * Writes go on while the searches run, as on a live service: one job edit a second and a PES-sized
 * batch (100 postings upserted one by one, as the PES sync does) every 60 s, the first half-way
 * through each measured run; each write drops the search cache.
 * Figures: jobSearch.* with the public search cache as configured by default (30 s TTL, then 30 s
 * answered stale while one background load refreshes it, dropped on any job write) and
 * jobSearch.cacheHitRatio (pages answered from it / all pages, in the measured run);
 * jobSearch.uncached* with the cache off (every search reaches the database).
 * Targets: jobSearch.uncachedP95Ms ≤ 50 ms and jobSearch.uncachedRps ≥ bareKoa.rps / 4.
 * For a developer: BENCH_PROFILE=file.cpuprofile records this process (the app) during the uncached run,
 * ENGINE_PROFILE=file.cpuprofile the engine's process.
 */
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import Koa from 'koa';
import mongoose, { Types } from 'mongoose';
import { regionCodePath } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { ensureIndexes } from '../../db/connection';
import { startEmbeddedMongo } from '../../db/embedded';
import { startEmbeddedMongoProcess } from '../../db/embedded/process';
import { createLogger } from '../../logging/logger';
import { regionFullName } from '../regions/regions.service';
import { Job, jobDerivedFields } from './job.model';
import { jobSearchCacheCounters } from './job-search-cache';
import { rng, type LoadPlan, type LoadResult } from './jobs.bench-load';

// The official figures use the defaults; BENCH_JOBS / BENCH_WORKERS / BENCH_DURATION_S shorten a local run.
const sizeFromEnv = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v >= 0 && process.env[name] !== '' ? v : fallback;
};
const JOBS = sizeFromEnv('BENCH_JOBS', 100_000);
const WORKERS = sizeFromEnv('BENCH_WORKERS', 200_000);
const BATCH = 5_000;
const DURATION_S = sizeFromEnv('BENCH_DURATION_S', 10) || 10;
const CONNECTIONS = 50;
const WARMUP_S = 3;

const TRADES = ['电焊工', '钢筋工', '砌筑工', '模板工', '架子工', '木工', '缝纫工', '普工', '家政服务员', '养老护理员', '中式面点师', '保洁员', '保安员', '分拣员', '叉车司机', '装卸工', '质检员', '纺织工', '客房服务员', '种植工', '养殖工', '护林员', '道路养护员', '馕制作', '电工', '水电工', '油漆工', '厨师', '快递员', '外卖骑手', '焊接操作工', '挖掘机司机', '货车司机', '服务员', '收银员', '理货员', '包装工', '采摘工', '建筑普工', '巡查员'];
const COUNTIES = ['310115', '310112', '310120', '440306', '441900', '440605', '440113', '330110', '330782', '330481', '330206', '320506', '320583', '320214', '110105', '150521', '150502', '152223', '650421', '650402', '532504', '540329', '120116', '370211', '420111', '510107', '610113', '350206', '500112', '130102'];
const TEMPLATES = [(t: string) => `招聘熟练${t}`, (t: string) => `急招${t}（包吃住）`, (t: string) => `${t}学徒`, (t: string) => `长期招聘${t}`, (t: string) => `高薪${t}`];
const DESCRIPTIONS = ['按天计时，加班另计，月底结清工资。', '班组作业，老乡带队，提供集体宿舍。', '流水线作业，坐班，空调车间，五险一金。', '就近就业，能照顾老人孩子。', '季节性用工，做满三个月有奖励。', '岗前免费培训，持证上岗，工资按月打卡。'];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** Seeds the jobs and workers; answers some job ids to edit during the runs. */
export async function seed(): Promise<Types.ObjectId[]> {
  const edited: Types.ObjectId[] = [];
  const r = rng(42);
  const names = new Map(COUNTIES.map((c) => [c, regionFullName(c) ?? c]));
  const employers = Array.from({ length: 500 }, (_, i) => ({ _id: new Types.ObjectId(), name: `${pick(r, [...names.values()]).slice(-3)}第${i}用工单位有限公司`, verified: r() < 0.7 }));
  const now = Date.now();
  for (let i = 0; i < JOBS; i += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, JOBS - i) }, (_, j) => {
      const trade = pick(r, TRADES);
      const regionCode = pick(r, COUNTIES);
      const employer = pick(r, employers);
      const welfare = r() < 0.05;
      const pay = 150000 + Math.floor(r() * 20) * 50000;
      const base = {
        title: pick(r, TEMPLATES)(trade),
        trade,
        employerId: employer._id,
        employerName: employer.name,
        employerVerified: employer.verified,
        regionCode,
        regionName: names.get(regionCode) ?? regionCode,
        regionPath: regionCodePath(regionCode),
        payMinFen: pay,
        payMaxFen: pay + 200000,
        mealsAndLodging: r() < 0.6,
        transport: pick(r, ['none', 'shuttle', 'point_to_point'] as const),
        publicWelfare: welfare,
        openings: 1 + Math.floor(r() * 50),
        deadline: r() < 0.3 ? new Date(now + (r() - 0.2) * 60 * 86_400_000) : null,
        status: r() < 0.9 ? 'open' : 'closed',
        description: pick(r, DESCRIPTIONS),
        requirements: [],
        benefits: [],
        workAddress: '',
        workHours: '每天8小时',
        ageMin: 18,
        ageMax: 55,
        contactName: '王经理',
        contactPhone: '13900001234',
        createdAt: new Date(now - (i + j) * 60_000),
        updatedAt: new Date(now - (i + j) * 60_000),
      };
      return { _id: new Types.ObjectId(), ...base, ...jobDerivedFields(base) };
    });
    for (const d of docs.slice(0, 50)) edited.push(d._id);
    await Job.collection.insertMany(docs, { ordered: false });
    if ((i + BATCH) % 20_000 === 0) console.log(`[bench] jobs: ${i + BATCH} jobs inserted`);
  }
  const workers = mongoose.connection.collection('workers');
  for (let i = 0; i < WORKERS; i += BATCH * 2) {
    await workers.insertMany(
      Array.from({ length: Math.min(BATCH * 2, WORKERS - i) }, (_, j) => {
        const county = pick(r, COUNTIES);
        // Shaped like registrations (unique blind indexes), without the sealed personal fields' cost.
        return {
          idIndex: `bench-id-${i + j}`,
          phoneIndex: `bench-phone-${i + j}`,
          name: `务工人员${i + j}`,
          household: { regionCode: county, countyCode: county, group: '一组' },
          keyGroups: r() < 0.2 ? ['lifted_from_poverty'] : [],
          mobility: pick(r, ['can_travel_far', 'nearby_only', 'cannot_leave']),
          jobIntention: { wantsJob: true, trades: [pick(r, TRADES)], locations: [], expectedMonthlyPayFen: null },
          createdAt: new Date(now - (i + j) * 1000),
        };
      }),
      { ordered: false },
    );
  }
  return edited;
}

const KEYWORDS = ['电焊', '家政', '护林', '普工', '保安', '熟练电焊工', '厨师', '包吃住', '司机', '养老护理', '叉车', '学徒', '长期招聘', '高薪', '快递', '缝纫', '钢筋', '服务员', '程序员'];

/**
 * A few hundred distinct searches (region level × trade × pay × keyword × flags), the way people
 * combine filters; drawn Zipf-like (rank r ∝ 1/r) with later pages rarer. Deterministic.
 */
export function baseQueries(count: number): string[] {
  const r = rng(7);
  const out = new Set<string>();
  const provinces = [...new Set(COUNTIES.map((c) => c.slice(0, 2)))];
  const cities = [...new Set(COUNTIES.map((c) => c.slice(0, 4)))];
  while (out.size < count) {
    const q = new URLSearchParams();
    const level = r();
    if (level < 0.25) q.set('regionCode', pick(r, provinces));
    else if (level < 0.4) q.set('regionCode', pick(r, cities));
    else if (level < 0.7) q.set('regionCode', pick(r, COUNTIES));
    if (r() < 0.35) q.set('trade', pick(r, TRADES));
    if (r() < 0.4) q.set('q', pick(r, KEYWORDS));
    const payMin = r() < 0.2 ? pick(r, [300000, 500000, 700000]) : undefined;
    const payMax = r() < 0.1 ? pick(r, [400000, 600000, 900000]) : undefined;
    if (payMin !== undefined) q.set('payMinFen', String(payMin));
    // Never a minimum above the maximum (answered 400).
    if (payMax !== undefined && (payMin === undefined || payMin <= payMax)) q.set('payMaxFen', String(payMax));
    if (r() < 0.2) q.set('mealsAndLodging', 'true');
    if (r() < 0.1) q.set('transport', 'organized');
    if (r() < 0.08) q.set('publicWelfare', 'true');
    const text = q.toString();
    out.add(text ? `/api/v1/jobs?${text}` : '/api/v1/jobs');
  }
  return [...out];
}
const BASE_QUERIES = 20_000;
/** The most asked searches also have their pages 2 and 3 in the mix. */
const PAGED_QUERIES = 1_000;
const PAGE_WEIGHTS = [1, 0.25, 0.1];

/** Every base query (the first PAGED_QUERIES with their next pages, cursors from a first walk), and how often each is asked. */
async function queryMix(origin: string): Promise<{ paths: string[]; weights: number[] }> {
  const paths: string[] = [];
  const weights: number[] = [];
  const bases = baseQueries(BASE_QUERIES);
  for (const [rank, base] of bases.entries()) {
    if (rank >= PAGED_QUERIES) {
      paths.push(base);
      weights.push(1 / (rank + 1));
      continue;
    }
    let path = base;
    for (const pageWeight of PAGE_WEIGHTS) {
      const res = await fetch(origin + path);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      paths.push(path);
      weights.push(pageWeight / (rank + 1));
      const { nextCursor } = (await res.json()) as { nextCursor: string | null };
      if (!nextCursor) break;
      path = `${base}${base.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(nextCursor)}`;
    }
  }
  return { paths, weights };
}

/** Runs the load in a child process (autocannon there), so generator and server do not share a CPU thread. */
function load(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'jobs.bench-load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadResult | undefined;
    child.once('message', (m) => {
      result = m as LoadResult;
    });
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`load generator exited with ${code}`))));
    child.send(plan);
  });
}

/**
 * Writes during a run: a job edit every second and a PES-sized batch (100 upserts by upstream id,
 * one at a time as the sync applies a page) every 60 s, the first after `firstBatchMs`.
 */
function startWrites(edited: readonly Types.ObjectId[], firstBatchMs: number): () => Promise<{ edits: number; batched: number }> {
  let edits = 0;
  let batched = 0;
  let batches = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const edit = setInterval(() => {
    const id = edited[edits % edited.length];
    edits += 1;
    pending = pending.then(() => Job.updateOne({ _id: id }, { $inc: { openings: 1 } }).exec());
  }, 1000);
  const batch = async () => {
    const n = batches++;
    for (let i = 0; i < 100; i += 1) {
      const regionCode = COUNTIES[(n * 100 + i) % COUNTIES.length] as string;
      const trade = TRADES[(n * 7 + i) % TRADES.length] as string;
      const base = { title: `招聘${trade}`, trade, employerName: '人社局对接用工单位', regionName: regionFullName(regionCode) ?? regionCode, description: '公共就业服务平台同步岗位。', regionCode };
      await Job.updateOne(
        { upstreamId: `bench-pes-${n}-${i}` },
        {
          $set: { ...base, employerId: edited[0], employerVerified: true, regionPath: regionCodePath(regionCode), payMinFen: 400000, payMaxFen: 600000, openings: 5, status: 'open', contactName: '李科长', contactPhone: '13900001234', upstreamVersion: 1, ...jobDerivedFields(base) },
        },
        { upsert: true, runValidators: true },
      ).exec();
      batched += 1;
    }
  };
  let batchTimer: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    pending = pending.then(batch);
    batchTimer = setInterval(() => (pending = pending.then(batch)), 60_000);
  }, firstBatchMs);
  return async () => {
    clearInterval(edit);
    clearTimeout(first);
    if (batchTimer) clearInterval(batchTimer);
    await pending;
    return { edits, batched };
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function runJobSearchBench(): Promise<Record<string, number>> {
  // The engine runs in a process of its own, as a database server beside the BFF would
  // (BENCH_ENGINE=inline: in the bench's process, sharing its event loop).
  const inline = process.env.BENCH_ENGINE === 'inline';
  const engine = inline ? await startEmbeddedMongo({ dbPath: null, port: 0 }) : await startEmbeddedMongoProcess({ dbPath: null, port: 0 });
  console.log(`[bench] jobs: embedded engine ${inline ? 'in this process' : 'in its own process'}`);
  mongoose.set('strictQuery', true);
  // Generous timeouts: a 5,000-job batch insert keeps the engine busy, longer still on a shared machine.
  await mongoose.connect(engine.uri, { autoIndex: false, maxPoolSize: 20, connectTimeoutMS: 300_000, serverSelectionTimeoutMS: 300_000 });
  const servers: Server[] = [];
  try {
    await ensureIndexes();
    const seeded = Date.now();
    const edited = await seed();
    console.log(`[bench] jobs: seeded ${JOBS} jobs and ${WORKERS} workers in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

    const logger = createLogger({ level: 'silent' });
    const db = { kind: 'embedded' as const, ping: async () => undefined };
    const cached = testConfig({ logLevel: 'silent' });
    const uncached = testConfig({ logLevel: 'silent', jobSearchCache: { ttlMs: 0, staleMs: 0, maxEntries: 0 } });
    const appServer = createServer(createApp({ config: cached, logger, db }).callback());
    const uncachedServer = createServer(createApp({ config: uncached, logger, db }).callback());
    const bare = new Koa();
    bare.use((ctx) => {
      ctx.body = { ok: true };
    });
    const bareServer = createServer(bare.callback());
    servers.push(appServer, uncachedServer, bareServer);
    const [appPort, uncachedPort, barePort] = [await listen(appServer), await listen(uncachedServer), await listen(bareServer)];

    // The cursors of pages 2 and 3, found through the uncached app: nothing is cached before the runs.
    const mix = await queryMix(`http://127.0.0.1:${uncachedPort}`);
    console.log(`[bench] jobs: ${mix.paths.length} distinct searches (${BASE_QUERIES} queries, the first ${PAGED_QUERIES} with up to ${PAGE_WEIGHTS.length} pages), Zipf-weighted; load from a child process (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each)`);
    // Each server gets the same load for WARMUP_S first, unmeasured (JIT, connection pools, a cache
    // filled as a running service's is), then the measured run.
    const measured = async (plan: LoadPlan): Promise<LoadResult> => {
      await load({ ...plan, durationS: WARMUP_S, seed: (plan.seed ?? 1) + 1000 });
      return load(plan);
    };
    // Searches with writes going on; the cache's hits are counted over the measured run only.
    const searched = async (plan: LoadPlan): Promise<{ run: LoadResult; hitRatio: number; writes: { edits: number; batched: number } }> => {
      await load({ ...plan, durationS: WARMUP_S, seed: (plan.seed ?? 1) + 1000 });
      const before = jobSearchCacheCounters();
      const stopWrites = startWrites(edited, (DURATION_S * 1000) / 2);
      const run = await load(plan);
      const writes = await stopWrites();
      const after = jobSearchCacheCounters();
      const hits = after.hits - before.hits;
      const asked = hits + after.misses - before.misses;
      return { run, hitRatio: asked > 0 ? hits / asked : 0, writes };
    };
    const bareRun = await measured({ url: `http://127.0.0.1:${barePort}`, connections: CONNECTIONS, durationS: DURATION_S });
    const cachedRun = await searched({ url: `http://127.0.0.1:${appPort}`, connections: CONNECTIONS, durationS: DURATION_S, paths: mix.paths, weights: mix.weights, seed: 11 });
    const profiler = process.env.BENCH_PROFILE ? new Session() : null;
    profiler?.connect();
    await profiler?.post('Profiler.enable');
    await profiler?.post('Profiler.start');
    const engineProfiled = process.env.ENGINE_PROFILE && engine.pid ? engine.pid : null;
    if (engineProfiled) process.kill(engineProfiled, 'SIGUSR2');
    const uncachedRun0 = await searched({ url: `http://127.0.0.1:${uncachedPort}`, connections: CONNECTIONS, durationS: DURATION_S, paths: mix.paths, weights: mix.weights, seed: 11 });
    if (profiler) writeFileSync(process.env.BENCH_PROFILE as string, JSON.stringify((await profiler.post('Profiler.stop')).profile));
    if (engineProfiled) {
      process.kill(engineProfiled, 'SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    const searchRun = cachedRun.run;
    const uncachedRun = uncachedRun0.run;
    console.log(`[bench] jobs: writes during the cached run: ${cachedRun.writes.edits} edits, ${cachedRun.writes.batched} PES upserts; uncached run: ${uncachedRun0.writes.edits} edits, ${uncachedRun0.writes.batched} PES upserts`);
    for (const [name, run] of [['bareKoa', bareRun], ['jobSearch', searchRun], ['jobSearch uncached', uncachedRun]] as const) {
      if (run.non2xx > 0 || run.errors > 0) console.warn(`[bench] jobs: ${name}: ${run.non2xx} non-2xx answers, ${run.errors} errors`);
    }
    console.log(`[bench] jobs: cached run ${searchRun.total} searches over ${searchRun.distinctPaths} distinct URLs (cache: TTL ${cached.jobSearchCache.ttlMs} ms + ${cached.jobSearchCache.staleMs} ms stale, ${cached.jobSearchCache.maxEntries} entries, dropped on any job write); uncached run ${uncachedRun.total} over ${uncachedRun.distinctPaths}`);
    return {
      'jobSearch.p50Ms': searchRun.p50Ms,
      'jobSearch.p95Ms': searchRun.p95Ms,
      'jobSearch.p99Ms': searchRun.p99Ms,
      'jobSearch.rps': searchRun.rps,
      'jobSearch.cacheHitRatio': cachedRun.hitRatio,
      'jobSearch.uncachedP50Ms': uncachedRun.p50Ms,
      'jobSearch.uncachedP95Ms': uncachedRun.p95Ms,
      'jobSearch.uncachedP99Ms': uncachedRun.p99Ms,
      'jobSearch.uncachedRps': uncachedRun.rps,
      'bareKoa.rps': bareRun.rps,
      'bareKoa.p95Ms': bareRun.p95Ms,
    };
  } finally {
    for (const s of servers) await close(s).catch(() => undefined);
    await mongoose.disconnect();
    await engine.stop();
  }
}
