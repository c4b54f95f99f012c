import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, SETTING_NAMES, decodeKey32, loadConfig } from './env';

const KEY_HEX = '3f9a1c7e5b2d8046e1f3a5c7b9d0e2f4a6c8e0b2d4f6081a3c5e7092b4d6f8a1';
const KEY_B64 = Buffer.alloc(32, 9).toString('base64');
const SECRET = 'k7Qm2vX9pL4rT8wZ1nB6yH3jD5fG0sAe';
const production = {
  NODE_ENV: 'production',
  JWT_SECRET: SECRET,
  FIELD_ENCRYPTION_KEY: KEY_HEX,
  WECHAT_APPID: 'wx0123456789',
  WECHAT_SECRET: 'a3f9c1e7b5d2084f6e1c3a5b',
  SMS_BASE_URL: 'https://sms.example.cn',
  SMS_API_KEY: 'Sk-93fj2k4l5m6n7p8q',
};

function problemOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig({ env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('loadConfig accepted it');
}

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhuanyi-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when nothing is set in development, then defaults apply, no demo, and dev secrets are generated once and kept', () => {
    const first = loadConfig({ env: { DATA_DIR: dir } });
    expect(first).toMatchObject({ nodeEnv: 'development', port: 3000, host: '127.0.0.1', mongodbUri: undefined, dataDir: dir, demo: false, seedDemoData: false });
    expect(first.pes).toMatchObject({ enabled: false, startFake: false });
    expect(first.fieldEncryptionKey).toHaveLength(32);
    expect(first.jwtSecret.startsWith('dev-only-')).toBe(true);
    const saved = JSON.parse(readFileSync(join(dir, 'dev-secrets.json'), 'utf8')) as { JWT_SECRET: string };
    expect(saved.JWT_SECRET).toBe(first.jwtSecret);
    const second = loadConfig({ env: { DATA_DIR: dir } });
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.fieldEncryptionKey.equals(first.fieldEncryptionKey)).toBe(true);
  });

  it('when DATA_DIR is relative, then it resolves against the given working directory', () => {
    expect(loadConfig({ env: { DATA_DIR: 'data' }, cwd: dir }).dataDir).toBe(join(dir, 'data'));
  });

  it('when production has every secret, then it loads, never seeds demo data, and keys decode from hex', () => {
    const c = loadConfig({ env: { ...production, DATA_DIR: dir } });
    expect(c.isProduction).toBe(true);
    expect(c.seedDemoData).toBe(false);
    expect(c.fieldEncryptionKey.equals(Buffer.from(KEY_HEX, 'hex'))).toBe(true);
  });

  it('when production misses secrets, then one line names each of them', () => {
    const env: Record<string, string | undefined> = { ...production, DATA_DIR: dir, JWT_SECRET: undefined, SMS_API_KEY: '' };
    expect(() => loadConfig({ env })).toThrow(ConfigError);
    try {
      loadConfig({ env });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('JWT_SECRET is required when NODE_ENV=production');
      expect(message).toContain('SMS_API_KEY is required when NODE_ENV=production');
      expect(message).not.toContain('\n');
    }
  });

  it('when values are malformed, then the line says which and how', () => {
    expect(() => loadConfig({ env: { DATA_DIR: dir, PORT: 'abc' } })).toThrow(/PORT/);
    expect(() => loadConfig({ env: { DATA_DIR: dir, MONGODB_URI: 'http://x' } })).toThrow(/MONGODB_URI must start with mongodb:\/\//);
    expect(() => loadConfig({ env: { DATA_DIR: dir, JWT_SECRET: 'short' } })).toThrow(/JWT_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ env: { DATA_DIR: dir, FIELD_ENCRYPTION_KEY: 'abc' } })).toThrow(/FIELD_ENCRYPTION_KEY must be 32 bytes/);
    expect(() => loadConfig({ env: { DATA_DIR: dir, NODE_ENV: 'staging' } })).toThrow(/NODE_ENV must be one of development, test, production/);
  });

  it('when demo mode is asked for with DEMO=1 on this machine, then demo data, SMS log and the fake PES are on', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      const c = loadConfig({ env: { DATA_DIR: dir, DEMO: '1', HOST: host } });
      expect(c).toMatchObject({ demo: true, seedDemoData: true });
      expect(c.pes).toMatchObject({ enabled: true, startFake: true });
    }
    expect(loadConfig({ env: { DATA_DIR: dir, DEMO: 'true', SEED_DEMO_DATA: 'false' } })).toMatchObject({ demo: true, seedDemoData: false });
  });

  it('when demo mode is asked for in production or on a non-loopback address, then start-up is refused', () => {
    expect(problemOf({ ...production, DATA_DIR: dir, DEMO: '1' })).toContain('DEMO=1 (demo data, SMS codes in the log, fake PES) is not allowed when NODE_ENV=production');
    expect(problemOf({ DATA_DIR: dir, DEMO: '1', HOST: '0.0.0.0' })).toContain('HOST=0.0.0.0 is reachable from other machines: set NODE_ENV=production');
    // Development conveniences never face other machines, demo or not.
    expect(problemOf({ DATA_DIR: dir, HOST: '192.168.1.20' })).toContain('HOST=192.168.1.20 is reachable from other machines');
    expect(problemOf({ DATA_DIR: dir, SEED_DEMO_DATA: 'true' })).toContain('SEED_DEMO_DATA=true needs DEMO=1');
    expect(problemOf({ DATA_DIR: dir, PES_FAKE: 'true' })).toContain('PES_FAKE=true needs DEMO=1');
    expect(loadConfig({ env: { ...production, DATA_DIR: dir, HOST: '0.0.0.0' } })).toMatchObject({ demo: false, seedDemoData: false, host: '0.0.0.0' });
  });

  it('when secrets are weak, then they are refused: repeated characters, short patterns, all-zero or repeated-byte keys, short provider keys', () => {
    expect(problemOf({ DATA_DIR: dir, JWT_SECRET: 'x'.repeat(40) })).toContain('JWT_SECRET is too weak');
    expect(problemOf({ DATA_DIR: dir, JWT_SECRET: 'abc123'.repeat(7) })).toContain('JWT_SECRET is too weak');
    expect(problemOf({ DATA_DIR: dir, JWT_SECRET: 'short' })).toContain('JWT_SECRET must be at least 32 characters');
    expect(problemOf({ DATA_DIR: dir, FIELD_ENCRYPTION_KEY: '00'.repeat(32) })).toContain('FIELD_ENCRYPTION_KEY is too weak');
    expect(problemOf({ DATA_DIR: dir, FIELD_ENCRYPTION_KEY: 'ab'.repeat(32) })).toContain('FIELD_ENCRYPTION_KEY is too weak');
    expect(problemOf({ DATA_DIR: dir, FIELD_ENCRYPTION_KEY: KEY_B64 })).toContain('FIELD_ENCRYPTION_KEY is too weak');
    expect(problemOf({ DATA_DIR: dir, FIELD_ENCRYPTION_KEY: '0123456789abcdef'.repeat(4) })).toContain('FIELD_ENCRYPTION_KEY is too weak');
    expect(problemOf({ ...production, DATA_DIR: dir, SMS_API_KEY: 'sms-key' })).toContain('SMS_API_KEY is too weak');
    // Random ones pass.
    for (let i = 0; i < 20; i += 1) {
      const c = loadConfig({ env: { DATA_DIR: dir, JWT_SECRET: randomBytes(36).toString('base64'), FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64') } });
      expect(c.fieldEncryptionKey).toHaveLength(32);
    }
  });

  it('when production is given http:// upstreams, then they are refused; https:// ones load', () => {
    const line = problemOf({ ...production, DATA_DIR: dir, SMS_BASE_URL: 'http://sms.example.cn', PES_BASE_URL: 'http://pes.example.cn', WECHAT_BASE_URL: 'http://api.weixin.qq.com' });
    for (const key of ['SMS_BASE_URL', 'PES_BASE_URL', 'WECHAT_BASE_URL']) expect(line).toContain(`${key} must be an https:// address when NODE_ENV=production`);
    expect(loadConfig({ env: { ...production, DATA_DIR: dir, PES_BASE_URL: 'https://pes.example.cn', PES_API_KEY: 'pes-93fj2k4l5m6n7p8q' } }).pes.enabled).toBe(true);
  });

  it('when a key is given as base64 or hex, then it decodes to 32 bytes; other lengths do not', () => {
    expect(decodeKey32(KEY_B64)?.length).toBe(32);
    expect(decodeKey32(KEY_HEX)?.length).toBe(32);
    expect(decodeKey32(Buffer.alloc(16).toString('base64'))).toBeNull();
    expect(decodeKey32('zz'.repeat(32))).toBeNull();
  });
});

describe('README settings', () => {
  it('when the BFF reads a setting, then the README documents it (PORT, HOST, DATA_DIR and every other one)', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    expect(SETTING_NAMES).toEqual(expect.arrayContaining(['PORT', 'HOST', 'DATA_DIR']));
    expect(SETTING_NAMES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
