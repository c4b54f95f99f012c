/**
 * Input fuzzing (fast-check) of every route with a JSON body or a query, read from
 * /api/openapi.json and called as a caller the authorization matrix allows:
 * - surely-invalid input (wrong types, MongoDB operators and deep nesting where a field is
 *   declared, bodies that are not objects, repeated query keys) → 400 with the error body,
 *   and no collection grows or shrinks;
 * - maybe-valid input (operator keys and dotted keys beside a valid body, operator-only bodies,
 *   operator-like query keys) → never a 5xx, any refusal with the error body, and no stored
 *   document ever holds a key starting with `$`.
 * Bounded (runs per route below) so the whole file stays around half a minute.
 */
import fc from 'fast-check';
import mongoose from 'mongoose';
import type { Response } from 'supertest';
import { ErrorBodySchema } from '@zhuanyi/shared';
import { startFakeWechat, type FakeWechat } from '../../integrations/wechat/fake-wechat';
import { useTestDb } from '../../test-support/test-db';
import { testApp } from '../../test-support/test-app';
import { buildWorld, CALLERS, type Caller, type World } from './authz-fixtures';
import { authzMatrix, type RequestPlan } from './authz-matrix';

const INVALID_RUNS = 8;
const MAYBE_VALID_RUNS = 4;
/** Fixed so CI is repeatable; set FUZZ_SEED to explore other inputs (printed with any failure to replay it). */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);

const db = useTestDb({ clearBetweenTests: false });
// Abuse limits off: fuzzing sends far more than a person would.
let app: ReturnType<typeof testApp>;
let world: World;
let wechat: FakeWechat;

beforeAll(async () => {
  // WeChat sign-in reaches a fake WeChat over HTTP (unknown codes are refused there, as in life).
  wechat = await startFakeWechat({ appId: 'wx-fuzz', secret: 'wx-fuzz-secret' });
  app = testApp(db.database, { rateLimitScale: 0, wechat: { appId: 'wx-fuzz', secret: 'wx-fuzz-secret', baseUrl: wechat.baseUrl } });
  world = await buildWorld(app.http);
}, 120_000);
afterAll(async () => {
  await wechat.stop();
});

type Json = Record<string, unknown>;
interface FuzzTarget {
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  caller: Caller;
  plan: RequestPlan;
  idempotency: boolean;
  /** Declared top-level body properties and their JSON types (null when the body is not a plain object schema). */
  bodyProps: Map<string, string[]> | null;
  hasBody: boolean;
  queryParams: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function resolve(doc: Json, schema: unknown): Json | undefined {
  let s = schema;
  for (let i = 0; i < 10 && s !== null && typeof s === 'object' && '$ref' in s; i += 1) {
    const ref = String((s as { $ref: unknown }).$ref).replace('#/', '').split('/');
    s = ref.reduce<unknown>((acc, part) => (acc !== null && typeof acc === 'object' ? Reflect.get(acc, part) : undefined), doc);
  }
  return s !== null && typeof s === 'object' ? (s as Json) : undefined;
}

function typesOf(schema: Json | undefined): string[] {
  if (!schema) return [];
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

async function targets(): Promise<FuzzTarget[]> {
  const res = await app.http().get('/api/openapi.json');
  const doc = res.body as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const out: FuzzTarget[] = [];
  for (const [openApiPath, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const path = openApiPath.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
      const key = `${method.toUpperCase()} ${path}`;
      const parameters = (Array.isArray(op.parameters) ? op.parameters : []) as Json[];
      const queryParams = parameters.filter((p) => p.in === 'query').map((p) => String(p.name));
      const content = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
      const bodySchema = resolve(doc, content?.['application/json']?.schema);
      const hasBody = bodySchema !== undefined;
      if (!hasBody && queryParams.length === 0) continue;
      const entry = authzMatrix[key];
      if (!entry) throw new Error(`${key}: no authorization matrix entry (see authz-matrix.test.ts)`);
      const caller = CALLERS.find((c) => entry.expect[c] === 'ok');
      if (!caller) continue;
      const plan = (await entry.request?.({ w: world, caller, http: app.http, logs: app.logs, wechat })) ?? {};
      let bodyProps: Map<string, string[]> | null = null;
      if (bodySchema && typesOf(bodySchema).includes('object') && bodySchema.properties && typeof bodySchema.properties === 'object') {
        bodyProps = new Map();
        for (const [name, prop] of Object.entries(bodySchema.properties as Json)) {
          const types = typesOf(resolve(doc, prop));
          if (types.length > 0) bodyProps.set(name, types);
        }
      }
      out.push({ key, method, path, caller, plan, idempotency: op['x-idempotency-key'] !== undefined, bodyProps, hasBody, queryParams });
    }
  }
  return out;
}

// ---- generators ----
const deepObject = fc.integer({ min: 50, max: 1500 }).map((depth) => {
  let v: Json = { leaf: 1 };
  for (let i = 0; i < depth; i += 1) v = { a: v };
  return v;
});
const deepArray = fc.integer({ min: 50, max: 1500 }).map((depth) => {
  let v: unknown = [1];
  for (let i = 0; i < depth; i += 1) v = [v];
  return v;
});
const operator = fc.constantFrom<Json>(
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000) || true' },
  { $regex: '.*', $options: 'si' },
  { $in: ['', null] },
  { $expr: { $eq: [1, 1] } },
  { $set: { role: 'admin' } },
  { 'a.b': 1 },
  JSON.parse('{"__proto__": {"admin": true}}') as Json,
);
const weirdKey = fc.oneof(
  fc.constantFrom('$where', '$gt', '$ne', '$set', 'a.b', '$', '.', 'constructor', '__proto__'),
  fc.string({ maxLength: 8 }).map((s) => `$${s}`),
  fc.string({ maxLength: 8 }).map((s) => `${s}.${s}`),
);
const weirdDict = fc.dictionary(weirdKey, fc.oneof(fc.string({ maxLength: 20 }), operator, fc.integer()), { minKeys: 1, maxKeys: 4 });
/** A plain object no string, number, boolean or array field accepts. */
const notAScalar = fc.oneof(operator, deepObject, weirdDict);
/** A value no object field accepts. */
const notAnObject = fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.array(operator, { maxLength: 3 }));
const notAnObjectBody = fc.oneof(fc.integer(), fc.string({ maxLength: 30 }), fc.boolean(), fc.constant(null), fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }), deepArray);

function baseBody(t: FuzzTarget): Json {
  const b = t.plan.body;
  return b !== null && typeof b === 'object' && !Array.isArray(b) ? { ...(b as Json) } : {};
}

/** Surely-invalid bodies: not an object at all, or one declared field of the wrong kind. */
function invalidBody(t: FuzzTarget): fc.Arbitrary<unknown> {
  const props = [...(t.bodyProps ?? new Map<string, string[]>()).entries()];
  if (props.length === 0) return notAnObjectBody;
  const field = fc.constantFrom(...props).chain(([name, types]) =>
    (types.includes('object') ? notAnObject : notAScalar).map((value) => ({ ...baseBody(t), [name]: value })),
  );
  return fc.oneof(notAnObjectBody, field, field);
}

/** Oversized values (under the 1 MB body limit): long text, long arrays. */
const oversized = fc.oneof(
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => '汉'.repeat(n)),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => `x${i}`)),
);

/** Maybe-valid bodies: operator keys beside a valid body, an oversized field, or an operator-only body. */
function maybeValidBody(t: FuzzTarget): fc.Arbitrary<unknown> {
  const names = [...(t.bodyProps ?? new Map<string, string[]>()).keys()];
  const big = names.length > 0 ? fc.tuple(fc.constantFrom(...names), oversized).map(([name, value]) => ({ ...baseBody(t), [name]: value })) : oversized;
  return fc.oneof(
    weirdDict.map((extra) => ({ ...baseBody(t), ...extra })),
    big,
    operator,
    deepObject,
  );
}

type QueryCase = Array<[string, string]>;
function invalidQuery(t: FuzzTarget): fc.Arbitrary<QueryCase> {
  // A repeated key arrives as an array, which no declared query field accepts.
  return fc
    .tuple(fc.constantFrom(...t.queryParams), fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
    .map(([name, a, b]) => [...Object.entries(t.plan.query ?? {}).filter(([k]) => k !== name), [name, a], [name, b]]);
}
function maybeValidQuery(t: FuzzTarget): fc.Arbitrary<QueryCase> {
  const bracket = fc.tuple(fc.constantFrom(...t.queryParams), fc.constantFrom('[$gt]', '[$ne]', '[$regex]', '.$where', '[__proto__]')).map(([n, op]) => `${n}${op}`);
  return fc
    .tuple(fc.oneof(bracket, weirdKey), fc.oneof(fc.string({ maxLength: 20 }), fc.constant('x'.repeat(5000)), fc.constant('{"$gt":""}')))
    .map(([k, v]) => [...Object.entries(t.plan.query ?? {}), [k, v]]);
}

// ---- calling ----
async function call(t: FuzzTarget, input: { body?: unknown; query?: QueryCase }): Promise<Response> {
  let url = t.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(t.plan.params?.[name] ?? '000000000000000000000000'));
  const query = input.query ?? Object.entries(t.plan.query ?? {});
  if (query.length > 0) url += `?${new URLSearchParams(query).toString()}`;
  let req = app.http()[t.method](url);
  if (t.caller !== 'anonymous') req = req.set(world.subjects[t.caller].header);
  if (t.idempotency) req = req.set('Idempotency-Key', `fuzz-${Math.random().toString(36).slice(2, 14)}`);
  if (t.plan.raw) return req.set('Content-Type', t.plan.raw.contentType).send(t.plan.raw.content);
  if (!t.hasBody) return t.method === 'get' ? req : req.send({});
  const body = input.body === undefined ? (t.plan.body ?? {}) : input.body;
  // JSON text, so that null, numbers and strings go out as bodies too.
  return req.set('Content-Type', 'application/json').send(JSON.stringify(body));
}

async function counts(): Promise<Record<string, number>> {
  const database = mongoose.connection.db;
  if (!database) throw new Error('no database');
  const out: Record<string, number> = {};
  for (const c of await database.listCollections({}, { nameOnly: true }).toArray()) {
    out[c.name] = await database.collection(c.name).countDocuments({});
  }
  return out;
}

function hasOperatorKey(value: unknown, depth = 0): string | null {
  if (depth > 50 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = hasOperatorKey(v, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) return k;
    const found = hasOperatorKey(v, depth + 1);
    if (found) return found;
  }
  return null;
}

function problemOf(res: Response, mustBe400: boolean): string | null {
  if (res.status >= 500) return `answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
  if (res.status < 400) return mustBe400 ? `accepted surely-invalid input with ${res.status}` : null;
  if (mustBe400 && res.status !== 400) return `refused with ${res.status}, not 400: ${JSON.stringify(res.body).slice(0, 200)}`;
  if (!ErrorBodySchema.safeParse(res.body).success) return `refused with ${res.status} without the error body: ${JSON.stringify(res.body).slice(0, 200)}`;
  return null;
}

describe('input fuzzing', () => {
  it('when every route with a body or query gets malformed, oversized, wrongly typed, deeply nested and operator-laden input, then no 5xx, surely-invalid input is a 400 with the error body and nothing is written', async () => {
    const all = await targets();
    expect(all.length).toBeGreaterThan(20);
    const failures: string[] = [];
    let cases = 0;
    const started = Date.now();
    for (const t of all) {
      const record = (what: string, input: unknown, problem: string | null) => {
        cases += 1;
        if (problem) failures.push(`${t.key} as ${t.caller}: ${problem} — input ${JSON.stringify(input)?.slice(0, 160)}`);
      };
      const before = await counts();
      // Surely invalid.
      const invalid: fc.Arbitrary<{ body?: unknown; query?: QueryCase }>[] = [];
      if (t.hasBody && !t.plan.raw) invalid.push(invalidBody(t).map((body) => ({ body })));
      if (t.queryParams.length > 0) invalid.push(invalidQuery(t).map((query) => ({ query })));
      for (const input of fc.sample(fc.oneof(...invalid), { numRuns: INVALID_RUNS * invalid.length, seed: SEED + cases })) {
        record('invalid', input, problemOf(await call(t, input), true));
      }
      const after = await counts();
      const changed = Object.keys({ ...before, ...after }).filter((c) => (before[c] ?? 0) !== (after[c] ?? 0));
      if (changed.length > 0) failures.push(`${t.key}: surely-invalid input changed the counts of ${changed.join(', ')}`);
      // Maybe valid.
      const maybe: fc.Arbitrary<{ body?: unknown; query?: QueryCase }>[] = [];
      if (t.hasBody && !t.plan.raw) maybe.push(maybeValidBody(t).map((body) => ({ body })));
      if (t.queryParams.length > 0) maybe.push(maybeValidQuery(t).map((query) => ({ query })));
      for (const input of fc.sample(fc.oneof(...maybe), { numRuns: MAYBE_VALID_RUNS * maybe.length, seed: SEED + cases })) {
        record('maybe-valid', input, problemOf(await call(t, input), false));
      }
    }
    // Nothing that came in as an operator or a `$` key was stored as one.
    const database = mongoose.connection.db;
    if (!database) throw new Error('no database');
    for (const c of await database.listCollections({}, { nameOnly: true }).toArray()) {
      for (const d of await database.collection(c.name).find({}).toArray()) {
        const key = hasOperatorKey(d);
        if (key) failures.push(`${c.name} ${String(d._id)} stores a key ${key}`);
      }
    }
    process.stdout.write(`input fuzz: ${cases} cases over ${all.length} routes in ${Date.now() - started} ms (seed ${SEED})\n`);
    expect(failures).toEqual([]);
  }, 240_000);
});
