/**
 * Job search under load: 100,000 jobs and 200,000 workers in the embedded engine (in a process of
 * its own, as a database server runs); the real app on one port and a bare Koa endpoint on another,
 * in this process; the load comes from autocannon in a
 * child process (50 connections, 10 s per run, accepting gzip as browsers and WeChat do), the same way
 * for every run, so the ratio is fair.
 * The searches: 300 distinct filter/keyword combinations with their first 3 pages, drawn Zipf-like.
 * Each run follows an unmeasured warm-up of the same load (WARMUP_S).
 * Figures: jobSearch.* with the public search cache as configured by default (30 s TTL, then 30 s
 * answered stale while one background load refreshes it, dropped on any
 * job write), jobSearch.uncached* with the cache off (every search reaches the database).
 * Targets: p95 ≤ 50 ms; jobSearch.rps ≥ bareKoa.rps / 4.
 */
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export async function seed(): Promise<void> {
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
      return { ...base, ...jobDerivedFields(base) };
    });
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
    if (r() < 0.2) q.set('payMinFen', String(pick(r, [300000, 500000, 700000])));
    if (r() < 0.1) q.set('payMaxFen', String(pick(r, [400000, 600000])));
    if (r() < 0.2) q.set('mealsAndLodging', 'true');
    if (r() < 0.1) q.set('transport', 'organized');
    if (r() < 0.08) q.set('publicWelfare', 'true');
    const text = q.toString();
    out.add(text ? `/api/v1/jobs?${text}` : '/api/v1/jobs');
  }
  return [...out];
}
const BASE_QUERIES = 300;
const PAGE_WEIGHTS = [1, 0.25, 0.1];

/** Every base query with its next pages (cursors from a first walk), and how often each is asked. */
async function queryMix(origin: string): Promise<{ paths: string[]; weights: number[] }> {
  const paths: string[] = [];
  const weights: number[] = [];
  const bases = baseQueries(BASE_QUERIES);
  for (const [rank, base] of bases.entries()) {
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
  await mongoose.connect(engine.uri, { autoIndex: false, maxPoolSize: 20 });
  const servers: Server[] = [];
  try {
    await ensureIndexes();
    const seeded = Date.now();
    await seed();
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

    // Every search answers 200 before we time it; the walk also finds the cursors of pages 2 and 3.
    // It goes through the cached app, so each search of the mix was asked once within the cache's
    // lifetime, as on a running service (the uncached figures show what a miss costs).
    const mix = await queryMix(`http://127.0.0.1:${appPort}`);
    console.log(`[bench] jobs: ${mix.paths.length} distinct searches (${BASE_QUERIES} queries, up to ${PAGE_WEIGHTS.length} pages), Zipf-weighted; load from a child process (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each)`);
    // Each server gets the same load for WARMUP_S first, unmeasured (JIT, connection pools, a cache
    // filled as a running service's is), then the measured run.
    const measured = async (plan: LoadPlan): Promise<LoadResult> => {
      await load({ ...plan, durationS: WARMUP_S, seed: (plan.seed ?? 1) + 1000 });
      return load(plan);
    };
    const bareRun = await measured({ url: `http://127.0.0.1:${barePort}`, connections: CONNECTIONS, durationS: DURATION_S });
    const searchRun = await measured({ url: `http://127.0.0.1:${appPort}`, connections: CONNECTIONS, durationS: DURATION_S, paths: mix.paths, weights: mix.weights, seed: 11 });
    const uncachedRun = await measured({ url: `http://127.0.0.1:${uncachedPort}`, connections: CONNECTIONS, durationS: DURATION_S, paths: mix.paths, weights: mix.weights, seed: 11 });
    for (const [name, run] of [['bareKoa', bareRun], ['jobSearch', searchRun], ['jobSearch uncached', uncachedRun]] as const) {
      if (run.non2xx > 0 || run.errors > 0) console.warn(`[bench] jobs: ${name}: ${run.non2xx} non-2xx answers, ${run.errors} errors`);
    }
    console.log(`[bench] jobs: cached run ${searchRun.total} searches over ${searchRun.distinctPaths} distinct URLs (cache: TTL ${cached.jobSearchCache.ttlMs} ms + ${cached.jobSearchCache.staleMs} ms stale, ${cached.jobSearchCache.maxEntries} entries, dropped on any job write); uncached run ${uncachedRun.total} over ${uncachedRun.distinctPaths}`);
    return {
      'jobSearch.p50Ms': searchRun.p50Ms,
      'jobSearch.p95Ms': searchRun.p95Ms,
      'jobSearch.p99Ms': searchRun.p99Ms,
      'jobSearch.rps': searchRun.rps,
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
