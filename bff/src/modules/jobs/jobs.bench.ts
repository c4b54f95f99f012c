/**
 * Job search under load: 100,000 jobs and 200,000 workers in the embedded engine, the real app on
 * one port and a bare Koa endpoint on another, autocannon at 50 connections for ~10 s each over a
 * mix of filtered and keyword searches. Targets: p95 ≤ 50 ms; jobSearch.rps ≥ bareKoa.rps / 4.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import mongoose, { Types } from 'mongoose';
import { regionCodePath } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { ensureIndexes } from '../../db/connection';
import { startEmbeddedMongo } from '../../db/embedded';
import { createLogger } from '../../logging/logger';
import { regionFullName } from '../regions/regions.service';
import { Job, jobDerivedFields } from './job.model';

const JOBS = 100_000;
const WORKERS = 200_000;
const BATCH = 5_000;
const DURATION_S = 10;
const CONNECTIONS = 50;

interface CannonResult {
  latency: { p50: number; p90: number; p97_5: number; p99: number; average: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
}
type Cannon = (opts: { url: string; connections: number; duration: number; requests?: { method: 'GET'; path: string }[] }) => Promise<CannonResult & { latency: Record<string, number> }>;
// autocannon ships no types; this is the part we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Cannon;

const TRADES = ['电焊工', '钢筋工', '砌筑工', '模板工', '架子工', '木工', '缝纫工', '普工', '家政服务员', '养老护理员', '中式面点师', '保洁员', '保安员', '分拣员', '叉车司机', '装卸工', '质检员', '纺织工', '客房服务员', '种植工', '养殖工', '护林员', '道路养护员', '馕制作', '电工', '水电工', '油漆工', '厨师', '快递员', '外卖骑手', '焊接操作工', '挖掘机司机', '货车司机', '服务员', '收银员', '理货员', '包装工', '采摘工', '建筑普工', '巡查员'];
const COUNTIES = ['310115', '310112', '310120', '440306', '441900', '440605', '440113', '330110', '330782', '330481', '330206', '320506', '320583', '320214', '110105', '150521', '150502', '152223', '650421', '650402', '532504', '540329', '120116', '370211', '420111', '510107', '610113', '350206', '500112', '130102'];
const TEMPLATES = [(t: string) => `招聘熟练${t}`, (t: string) => `急招${t}（包吃住）`, (t: string) => `${t}学徒`, (t: string) => `长期招聘${t}`, (t: string) => `高薪${t}`];
const DESCRIPTIONS = ['按天计时，加班另计，月底结清工资。', '班组作业，老乡带队，提供集体宿舍。', '流水线作业，坐班，空调车间，五险一金。', '就近就业，能照顾老人孩子。', '季节性用工，做满三个月有奖励。', '岗前免费培训，持证上岗，工资按月打卡。'];

/** A deterministic pseudo-random stream. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

async function seed(): Promise<void> {
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

const SEARCHES = [
  '/api/v1/jobs',
  '/api/v1/jobs?regionCode=150521',
  '/api/v1/jobs?trade=' + encodeURIComponent('电焊工') + '&payMinFen=600000',
  '/api/v1/jobs?regionCode=31&mealsAndLodging=true&transport=organized',
  '/api/v1/jobs?publicWelfare=true&regionCode=15',
  '/api/v1/jobs?regionCode=4419&payMaxFen=500000',
  '/api/v1/jobs?q=' + encodeURIComponent('电焊'),
  '/api/v1/jobs?q=' + encodeURIComponent('熟练电焊工') + '&regionCode=44',
  '/api/v1/jobs?q=' + encodeURIComponent('家政') + '&mealsAndLodging=true',
  '/api/v1/jobs?q=' + encodeURIComponent('护林') + '&publicWelfare=true',
];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function runJobSearchBench(): Promise<Record<string, number>> {
  const engine = await startEmbeddedMongo({ dbPath: null, port: 0 });
  mongoose.set('strictQuery', true);
  await mongoose.connect(engine.uri, { autoIndex: false, maxPoolSize: 20 });
  const servers: Server[] = [];
  try {
    await ensureIndexes();
    const seeded = Date.now();
    await seed();
    console.log(`[bench] jobs: seeded ${JOBS} jobs and ${WORKERS} workers in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

    const config = testConfig({ logLevel: 'silent' });
    const app = createApp({ config, logger: createLogger({ level: 'silent' }), db: { kind: 'embedded', ping: async () => undefined } });
    const appServer = createServer(app.callback());
    const bare = new Koa();
    bare.use((ctx) => {
      ctx.body = { ok: true };
    });
    const bareServer = createServer(bare.callback());
    servers.push(appServer, bareServer);
    const [appPort, barePort] = [await listen(appServer), await listen(bareServer)];

    // Every search answers 200 before we time it (and warms caches).
    for (const path of SEARCHES) {
      const res = await fetch(`http://127.0.0.1:${appPort}${path}`);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    }
    const bareRun = await autocannon({ url: `http://127.0.0.1:${barePort}/`, connections: CONNECTIONS, duration: DURATION_S });
    const searchRun = await autocannon({
      url: `http://127.0.0.1:${appPort}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: SEARCHES.map((path) => ({ method: 'GET' as const, path })),
    });
    if (searchRun.non2xx > 0 || searchRun.errors > 0) console.warn(`[bench] jobs: ${searchRun.non2xx} non-2xx answers, ${searchRun.errors} errors`);
    // autocannon reports p90 and p97.5; p95 lies between, take the upper one.
    const p95 = searchRun.latency.p95 ?? searchRun.latency.p97_5;
    return {
      'jobSearch.p50Ms': searchRun.latency.p50,
      'jobSearch.p95Ms': p95,
      'jobSearch.p99Ms': searchRun.latency.p99,
      'jobSearch.rps': searchRun.requests.average,
      'bareKoa.rps': bareRun.requests.average,
    };
  } finally {
    for (const s of servers) await close(s).catch(() => undefined);
    await mongoose.disconnect();
    await engine.stop();
  }
}
