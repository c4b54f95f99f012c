/**
 * A fake public employment service over real HTTP on 127.0.0.1, speaking the contract in
 * README.md. It keeps a change feed of jobs and courses (tests publish into it, malformed
 * records included), deduplicates pushes by idempotency key, records what arrived and in
 * which order, and can be told to fail: answer 500, time out, drop the connection mid-reply,
 * answer twice, reorder.
 *
 *   const pes = await startFakePes();
 *   pes.publish('job', demoJob('J-1'));
 *   pes.setFaults({ error500: 1 / 3, timeout: 0.1 });
 *   ...
 *   pes.arrivals;            // one entry per idempotency key, in arrival order
 *
 * Standalone (development): `npx tsx bff/src/integrations/pes/fake-pes-server.ts --port 4010`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { PesPushBodySchema, type PesPushBody, type PesPushReceipt, type PesRecordKind } from './pes.contract';

export interface FakePesFaults {
  /** Share of calls answered 500 (nothing applied). */
  error500?: number;
  /** Share of calls never answered (pushes are applied first: the reply is what gets lost). */
  timeout?: number;
  /** Share of calls whose connection is cut mid-reply (pushes applied first). */
  drop?: number;
  /** Share of calls answered twice (pushes: the reply written twice on the socket; pulls: every item sent twice). */
  twice?: number;
  /** Pulls: items shuffled within the page; pushes: replies delayed at random up to 30 ms. */
  reorder?: boolean;
  /** Pulls: wait this long before answering (to make overlapping syncs likely). */
  pullDelayMs?: number;
  /** Pushes: applied at once, answered after this long (a reply still on its way when the caller dies). */
  pushDelayMs?: number;
}

export interface FakePesArrival extends PesPushBody {
  receiptId: string;
  at: Date;
}

export interface FakePes {
  baseUrl: string;
  apiKey: string | undefined;
  /** First receipt of each idempotency key, in arrival order. */
  arrivals: FakePesArrival[];
  /** Pushes received again with a key already seen. */
  duplicates: number;
  /** Pushes applied upstream whose reply has not been sent yet (e.g. held by `pushDelayMs`). */
  awaitingReply: number;
  /** Pushes whose sequence was not the next one of their ref (should stay empty). */
  outOfOrder: Array<{ ref: string; expected: number; got: number }>;
  /** Calls by what the fake did with them. */
  stats: Record<'ok' | 'error500' | 'timeout' | 'drop' | 'twice' | 'pulls' | 'pushes', number>;
  /** Adds a record (any JSON: malformed ones too) to the change feed; answers its position. */
  publish(kind: PesRecordKind, record: unknown): number;
  /** Publishes a new version of a record with another status (withdrawn, expired …). */
  withdraw(kind: PesRecordKind, id: string, status?: string): void;
  setFaults(faults: FakePesFaults): void;
  stop(): Promise<void>;
}

export interface FakePesOptions {
  port?: number;
  apiKey?: string;
  /** Deterministic fault choices in tests. */
  random?: () => number;
}

/** A small deterministic generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const encodeCursor = (position: number) => Buffer.from(`feed:${position}`).toString('base64url');
function decodeCursor(cursor: string | null): number | null {
  if (cursor === null) return 0;
  const m = /^feed:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

type Fate = 'ok' | 'error500' | 'timeout' | 'drop' | 'twice';

export async function startFakePes(options: FakePesOptions = {}): Promise<FakePes> {
  const random = options.random ?? Math.random;
  const feeds: Record<PesRecordKind, unknown[]> = { job: [], course: [], employment: [] };
  const versions = new Map<string, number>();
  const receipts = new Map<string, FakePesArrival>();
  const lastSequence = new Map<string, number>();
  const sockets = new Set<Socket>();
  let faults: FakePesFaults = {};

  const fake: FakePes = {
    baseUrl: '',
    apiKey: options.apiKey,
    arrivals: [],
    duplicates: 0,
    awaitingReply: 0,
    outOfOrder: [],
    stats: { ok: 0, error500: 0, timeout: 0, drop: 0, twice: 0, pulls: 0, pushes: 0 },
    publish(kind, record) {
      if (record !== null && typeof record === 'object') {
        const id = Reflect.get(record, 'id');
        const version = Reflect.get(record, 'version');
        if (typeof id === 'string' && typeof version === 'number') versions.set(`${kind}:${id}`, Math.max(version, versions.get(`${kind}:${id}`) ?? 0));
      }
      feeds[kind].push(record);
      return feeds[kind].length;
    },
    withdraw(kind, id, status = 'withdrawn') {
      const version = (versions.get(`${kind}:${id}`) ?? 0) + 1;
      fake.publish(kind, { id, version, status, updatedAt: new Date().toISOString() });
    },
    setFaults(next) {
      faults = { ...next };
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        for (const s of sockets) s.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };

  const fate = (): Fate => {
    let r = random();
    for (const f of ['error500', 'timeout', 'drop', 'twice'] as const) {
      const share = faults[f] ?? 0;
      if (r < share) return f;
      r -= share;
    }
    return 'ok';
  };

  const answer = (res: ServerResponse, status: number, body: unknown, how: Fate) => {
    const text = JSON.stringify(body);
    fake.stats[how] += 1;
    if (how === 'timeout') return; // never answered; the client gives up
    if (how === 'drop') {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setImmediate(() => res.socket?.destroy());
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
    // The same reply again on the wire, as a confused proxy might.
    if (how === 'twice') res.socket?.write(`HTTP/1.1 ${status} OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  };

  const handlePull = async (res: ServerResponse, kind: PesRecordKind, url: URL) => {
    fake.stats.pulls += 1;
    const how = fate();
    if (faults.pullDelayMs) await new Promise((r) => setTimeout(r, faults.pullDelayMs));
    if (how === 'error500') return answer(res, 500, { error: 'busy' }, how);
    const from = decodeCursor(url.searchParams.get('cursor'));
    if (from === null) return answer(res, 400, { error: 'bad cursor' }, 'ok');
    const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit') ?? '100') || 100));
    const feed = feeds[kind];
    let items = feed.slice(from, from + limit);
    const next = from + items.length;
    if (faults.reorder) items = [...items].sort(() => random() - 0.5);
    if (how === 'twice') items = items.flatMap((i) => [i, i]);
    return answer(res, 200, { items, nextCursor: encodeCursor(next), hasMore: next < feed.length }, how === 'twice' ? 'ok' : how);
  };

  const handlePush = async (req: IncomingMessage, res: ServerResponse, text: string) => {
    fake.stats.pushes += 1;
    const how = fate();
    if (how === 'error500') return answer(res, 500, { error: 'busy' }, how);
    let body: PesPushBody;
    try {
      body = PesPushBodySchema.parse(JSON.parse(text));
    } catch {
      return answer(res, 400, { error: 'bad request' }, 'ok');
    }
    if (req.headers['idempotency-key'] !== body.idempotencyKey) return answer(res, 400, { error: 'Idempotency-Key must match the body' }, 'ok');
    const seen = receipts.get(body.idempotencyKey);
    let receipt: PesPushReceipt;
    if (seen) {
      fake.duplicates += 1;
      receipt = { receiptId: seen.receiptId, duplicate: true };
    } else {
      const expected = (lastSequence.get(body.ref) ?? 0) + 1;
      if (body.sequence !== expected) fake.outOfOrder.push({ ref: body.ref, expected, got: body.sequence });
      lastSequence.set(body.ref, Math.max(body.sequence, lastSequence.get(body.ref) ?? 0));
      const arrival: FakePesArrival = { ...body, receiptId: randomUUID(), at: new Date() };
      receipts.set(body.idempotencyKey, arrival);
      fake.arrivals.push(arrival);
      receipt = { receiptId: arrival.receiptId, duplicate: false };
    }
    fake.awaitingReply += 1;
    try {
      if (faults.reorder) await new Promise((r) => setTimeout(r, Math.floor(random() * 30)));
      if (faults.pushDelayMs) await new Promise((r) => setTimeout(r, faults.pushDelayMs));
    } finally {
      fake.awaitingReply -= 1;
    }
    return answer(res, seen ? 200 : 201, receipt, how);
  };

  const PUSH_PATHS = [/^\/pes\/v1\/registrations$/, /^\/pes\/v1\/registrations\/[^/]+\/updates$/, /^\/pes\/v1\/complaints$/, /^\/pes\/v1\/complaints\/[^/]+\/events$/];

  const server = createServer((req, res) => {
    void (async () => {
      const text = await readText(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return answer(res, 401, { error: 'bad api key' }, 'ok');
      if (req.method === 'GET' && url.pathname === '/pes/v1/jobs/changes') return handlePull(res, 'job', url);
      if (req.method === 'GET' && url.pathname === '/pes/v1/courses/changes') return handlePull(res, 'course', url);
      if (req.method === 'GET' && url.pathname === '/pes/v1/employment/changes') return handlePull(res, 'employment', url);
      if (req.method === 'POST' && PUSH_PATHS.some((p) => p.test(url.pathname))) return handlePush(req, res, text);
      return answer(res, 404, { error: 'not found' }, 'ok');
    })().catch(() => res.socket?.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** A valid open job record as the PES publishes it (tests and the development seed). */
export function fakeJobRecord(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    version: 1,
    status: 'open',
    updatedAt: '2026-05-20T02:00:00Z',
    title: `钢筋工（公共就业服务 ${id}）`,
    trade: '钢筋工',
    employer: { name: '通辽市公共就业服务中心推荐企业', creditCode: '91150500MA0Q000001', regionCode: '150502', industry: '建筑施工' },
    regionCode: '150502',
    payMinFen: 600_000,
    payMaxFen: 900_000,
    mealsAndLodging: true,
    transport: 'point_to_point',
    publicWelfare: false,
    openings: 20,
    deadline: null,
    description: '包吃住，按月足额发放工资',
    contactName: '王主任',
    contactPhone: '13947500001',
    ...overrides,
  };
}

const DAY_MS = 24 * 3600_000;

/** A valid open course record as the PES publishes it. */
export function fakeCourseRecord(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    version: 1,
    status: 'open',
    title: `中式烹调师培训（${id}）`,
    trade: '中式烹调师',
    provider: '通辽市职业技能培训中心',
    regionCode: '150502',
    mode: 'offline',
    classHours: 80,
    subsidized: true,
    seats: 40,
    // Relative to today, so the demo feed always offers a course still open for sign-up.
    startsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    endsAt: new Date(Date.now() + 50 * DAY_MS).toISOString(),
    ...overrides,
  };
}

/** The demo feed's jobs: people read their titles, so the upstream id stays out of them. */
const DEMO_JOBS = [
  { trade: '钢筋工', title: '钢筋工（包吃住，点对点接送）' },
  { trade: '电焊工', title: '电焊工（持证优先）' },
  { trade: '砌筑工', title: '砌筑工（按月发工资）' },
  { trade: '保洁员', title: '医院保洁员' },
  { trade: '普工', title: '物流园分拣普工' },
] as const;
const DEMO_COURSES = ['中式烹调师培训（免费，含午餐）', '中式面点师培训（免费）', '育婴员培训（免费）'] as const;

/** Fills a fake PES with the demo feed (5 jobs, 3 courses), as `npm start` and the standalone fake show it. */
export function publishDemoFeed(pes: FakePes): void {
  DEMO_JOBS.forEach((j, i) => pes.publish('job', fakeJobRecord(`DEMO-J-${i + 1}`, { trade: j.trade, title: j.title })));
  DEMO_COURSES.forEach((title, i) => pes.publish('course', fakeCourseRecord(`DEMO-C-${i + 1}`, { title })));
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  void (async () => {
    const pes = await startFakePes({ port: Number(argValue('--port') ?? '4010'), apiKey: argValue('--api-key') });
    publishDemoFeed(pes);
    process.stdout.write(`fake PES at ${pes.baseUrl} (5 jobs, 3 courses in the feed); Ctrl+C stops it\n`);
    const stop = () => void pes.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })();
}
