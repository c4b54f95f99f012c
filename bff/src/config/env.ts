/**
 * The only reader of process.env. Parses configuration with zod and fails with one line
 * that says what to fix. In development, missing secrets are generated once and kept in
 * DATA_DIR/dev-secrets.json; in production they must be set.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const NodeEnvSchema = z.enum(['development', 'test', 'production']);
export type NodeEnv = z.infer<typeof NodeEnvSchema>;

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const RawEnvSchema = z.object({
  NODE_ENV: NodeEnvSchema.default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  MONGODB_URI: optionalText.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  MONGODB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  H5_DIR: optionalText,
  JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  FIELD_ENCRYPTION_KEY: optionalText,
  WECHAT_APPID: optionalText,
  WECHAT_SECRET: optionalText,
  WECHAT_BASE_URL: z.url('must be a URL').default('https://api.weixin.qq.com'),
  SMS_BASE_URL: optionalText.pipe(z.url('must be a URL').optional()),
  SMS_API_KEY: optionalText,
  SMS_SIGN_NAME: z.string().trim().min(1).default('转移就业服务'),
  SEED_DEMO_DATA: z.enum(['true', 'false']).optional(),
  /** The embedded engine in a process of its own (default) or inside the BFF's (false). */
  EMBEDDED_DB_PROCESS: z.enum(['true', 'false']).optional(),
  // Public employment service (PES) connector; see integrations/pes/README.md.
  PES_ENABLED: z.enum(['true', 'false']).optional(),
  PES_BASE_URL: optionalText.pipe(z.url('must be a URL').optional()),
  PES_API_KEY: optionalText,
  PES_FAKE: z.enum(['true', 'false']).optional(),
  PES_SYNC_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  PES_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(10).default(2000),
  PES_TIMEOUT_MS: z.coerce.number().int().min(50).default(10_000),
  PES_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  PES_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(1000),
  PES_BACKOFF_MAX_MS: z.coerce.number().int().min(1).default(600_000),
  PES_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  PES_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  /** Multiplies every abuse limit (http/rate-limit.ts); 0 turns them off (load tests only). */
  RATE_LIMIT_SCALE: z.coerce.number().min(0).max(1000).default(1),
  /** Public job search result cache (modules/jobs/job-search-cache.ts): lifetime in ms (0 = off) and size. */
  JOB_SEARCH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  JOB_SEARCH_CACHE_STALE_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  JOB_SEARCH_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  /** GridFS uploads older than this with no record are leftovers (db/upload-sweeper.ts). */
  UPLOAD_SWEEP_AGE_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /** Comma-separated proxy addresses (IP or CIDR) whose X-Forwarded-For is believed; empty: none. */
  TRUSTED_PROXIES: z.string().default(''),
});

/** Every environment variable the BFF reads (the README documents each). */
export const SETTING_NAMES: readonly string[] = Object.keys(RawEnvSchema.shape);

export interface Config {
  nodeEnv: NodeEnv;
  isProduction: boolean;
  port: number;
  host: string;
  logLevel: string;
  mongodbUri: string | undefined;
  mongodbConnectTimeoutMs: number;
  /** Absolute path. */
  dataDir: string;
  /** Absolute path of the H5 build the BFF serves at `/`. */
  h5Dir: string;
  jwtSecret: string;
  /** 32 bytes for AES-256-GCM. */
  fieldEncryptionKey: Buffer;
  wechat: { appId: string | undefined; secret: string | undefined; baseUrl: string };
  /** No baseUrl: development sends codes to the log instead of a provider. */
  sms: { baseUrl: string | undefined; apiKey: string | undefined; signName: string };
  seedDemoData: boolean;
  /** Without MONGODB_URI: the embedded engine runs in a process of its own. */
  embeddedDbProcess: boolean;
  pes: PesConfig;
  /** Multiplies every abuse limit; 0 = off. */
  rateLimitScale: number;
  /** Public job search result cache; ttlMs 0 = off. */
  jobSearchCache: { ttlMs: number; staleMs: number; maxEntries: number };
  /** Uploads older than this without a record are removed by the sweep. */
  uploadSweepAgeMs: number;
  /** Reverse proxies (IP or CIDR) whose X-Forwarded-For names the client; others' is ignored. */
  trustedProxies: string[];
}

/** The public employment service connector (integrations/pes). */
export interface PesConfig {
  /** Runs the inbound sync and the outbox delivery. */
  enabled: boolean;
  baseUrl: string | undefined;
  apiKey: string | undefined;
  /** Development only: start the fake PES beside the BFF and use it. */
  startFake: boolean;
  syncIntervalMs: number;
  outboxIntervalMs: number;
  timeoutMs: number;
  /** Failed deliveries before an item becomes a dead letter. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Deliveries in flight at once (different records). */
  concurrency: number;
  /** How long a sync lease or a delivery claim lasts without renewal. */
  leaseMs: number;
}

/** An IP address or a CIDR range (10.0.0.0/8, fd00::/8) as net.BlockList takes it. */
function isProxyAddress(text: string): boolean {
  const [address, bits, extra] = text.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/** Decodes a 32-byte key given as 64 hex characters or base64; null when it is not one. */
export function decodeKey32(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const b = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}

interface DevSecrets {
  JWT_SECRET: string;
  FIELD_ENCRYPTION_KEY: string;
}

/** Reads DATA_DIR/dev-secrets.json, creating it with random values the first time. */
function devSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) {
    const parsed = z
      .object({ JWT_SECRET: z.string().min(32), FIELD_ENCRYPTION_KEY: z.string() })
      .safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  }
  const fresh: DevSecrets = {
    JWT_SECRET: 'dev-only-' + randomBytes(32).toString('hex'),
    FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(fresh, null, 2) + '\n', { mode: 0o600 });
  return fresh;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.join('.');
  if (issue.code === 'invalid_value') return `${name} must be one of ${issue.values.join(', ')}`;
  return `${name} ${issue.message}`;
}

export interface LoadConfigOptions {
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Base for a relative DATA_DIR; defaults to the working directory. */
  cwd?: string;
}

/** Parses the environment; throws ConfigError with one line naming every problem. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const parsed = RawEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${parsed.error.issues.map(describeIssue).join('; ')}.`);
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  const base = options.cwd ?? process.cwd();
  const dataDir = isAbsolute(raw.DATA_DIR) ? raw.DATA_DIR : resolve(base, raw.DATA_DIR);

  const problems: string[] = [];
  if (isProduction) {
    const required = ['JWT_SECRET', 'FIELD_ENCRYPTION_KEY', 'WECHAT_APPID', 'WECHAT_SECRET', 'SMS_BASE_URL', 'SMS_API_KEY'] as const;
    for (const key of required) if (raw[key] === undefined) problems.push(`${key} is required when NODE_ENV=production`);
    if (raw.SEED_DEMO_DATA === 'true') problems.push('SEED_DEMO_DATA=true is not allowed when NODE_ENV=production');
    if (raw.PES_FAKE === 'true') problems.push('PES_FAKE=true is not allowed when NODE_ENV=production');
    if (raw.RATE_LIMIT_SCALE === 0) problems.push('RATE_LIMIT_SCALE=0 (no abuse limits) is not allowed when NODE_ENV=production');
  }
  // Development runs against the fake PES unless a real one is configured; tests start their own.
  const pesFake = raw.NODE_ENV === 'development' && raw.PES_BASE_URL === undefined && raw.PES_FAKE !== 'false';
  const pesEnabled = raw.PES_ENABLED === undefined ? raw.PES_BASE_URL !== undefined || pesFake : raw.PES_ENABLED === 'true';
  if (pesEnabled && raw.PES_BASE_URL === undefined && !pesFake) problems.push('PES_BASE_URL is required when PES_ENABLED=true');
  if (raw.FIELD_ENCRYPTION_KEY !== undefined && decodeKey32(raw.FIELD_ENCRYPTION_KEY) === null) {
    problems.push('FIELD_ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)');
  }
  const trustedProxies = raw.TRUSTED_PROXIES.split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const p of trustedProxies) if (!isProxyAddress(p)) problems.push(`TRUSTED_PROXIES: ${p} is not an IP address or CIDR range`);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}.`);

  const needsDev = raw.JWT_SECRET === undefined || raw.FIELD_ENCRYPTION_KEY === undefined;
  const dev = needsDev ? devSecrets(dataDir) : undefined;
  const jwtSecret = raw.JWT_SECRET ?? dev?.JWT_SECRET ?? '';
  const key = decodeKey32(raw.FIELD_ENCRYPTION_KEY ?? dev?.FIELD_ENCRYPTION_KEY ?? '');
  if (key === null) throw new ConfigError(`Invalid configuration: ${join(dataDir, 'dev-secrets.json')} is damaged; delete it.`);

  return {
    nodeEnv: raw.NODE_ENV,
    isProduction,
    port: raw.PORT,
    host: raw.HOST,
    logLevel: raw.LOG_LEVEL ?? (raw.NODE_ENV === 'test' ? 'silent' : 'info'),
    mongodbUri: raw.MONGODB_URI,
    mongodbConnectTimeoutMs: raw.MONGODB_CONNECT_TIMEOUT_MS,
    dataDir,
    h5Dir: raw.H5_DIR ? resolve(base, raw.H5_DIR) : resolve(__dirname, '../../../miniapp/dist/h5'),
    jwtSecret,
    fieldEncryptionKey: key,
    wechat: { appId: raw.WECHAT_APPID, secret: raw.WECHAT_SECRET, baseUrl: raw.WECHAT_BASE_URL },
    sms: { baseUrl: raw.SMS_BASE_URL, apiKey: raw.SMS_API_KEY, signName: raw.SMS_SIGN_NAME },
    seedDemoData: !isProduction && raw.SEED_DEMO_DATA !== 'false',
    embeddedDbProcess: raw.EMBEDDED_DB_PROCESS !== 'false',
    pes: {
      enabled: pesEnabled,
      baseUrl: raw.PES_BASE_URL,
      apiKey: raw.PES_API_KEY,
      startFake: pesEnabled && pesFake,
      syncIntervalMs: raw.PES_SYNC_INTERVAL_MS,
      outboxIntervalMs: raw.PES_OUTBOX_INTERVAL_MS,
      timeoutMs: raw.PES_TIMEOUT_MS,
      maxAttempts: raw.PES_MAX_ATTEMPTS,
      backoffBaseMs: raw.PES_BACKOFF_BASE_MS,
      backoffMaxMs: raw.PES_BACKOFF_MAX_MS,
      concurrency: raw.PES_CONCURRENCY,
      leaseMs: raw.PES_LEASE_MS,
    },
    rateLimitScale: raw.RATE_LIMIT_SCALE,
    jobSearchCache: { ttlMs: raw.JOB_SEARCH_CACHE_TTL_MS, staleMs: raw.JOB_SEARCH_CACHE_STALE_MS, maxEntries: raw.JOB_SEARCH_CACHE_MAX_ENTRIES },
    uploadSweepAgeMs: raw.UPLOAD_SWEEP_AGE_MS,
    trustedProxies,
  };
}

/** Config for tests: development rules, secrets fixed in memory, nothing written to disk. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    nodeEnv: 'test',
    isProduction: false,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    mongodbUri: undefined,
    mongodbConnectTimeoutMs: 5000,
    dataDir: resolve(__dirname, '../../data-test'),
    h5Dir: resolve(__dirname, '../../../miniapp/dist/h5'),
    jwtSecret: 'test-only-secret-0123456789abcdef0123456789',
    fieldEncryptionKey: Buffer.alloc(32, 7),
    wechat: { appId: undefined, secret: undefined, baseUrl: 'http://127.0.0.1:9' },
    sms: { baseUrl: undefined, apiKey: undefined, signName: '转移就业服务' },
    seedDemoData: false,
    embeddedDbProcess: false,
    pes: {
      enabled: false,
      baseUrl: undefined,
      apiKey: undefined,
      startFake: false,
      syncIntervalMs: 60_000,
      outboxIntervalMs: 50,
      timeoutMs: 2000,
      maxAttempts: 8,
      backoffBaseMs: 20,
      backoffMaxMs: 500,
      concurrency: 8,
      leaseMs: 5000,
    },
    rateLimitScale: 1,
    jobSearchCache: { ttlMs: 30_000, staleMs: 30_000, maxEntries: 5000 },
    uploadSweepAgeMs: 3_600_000,
    trustedProxies: [],
    ...overrides,
  };
}

/** MONGODB_URI for test runs (tests use the embedded engine when it is unset). */
export function testDatabaseUri(): string | undefined {
  const uri = process.env.MONGODB_URI?.trim();
  return uri ? uri : undefined;
}
