import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, SETTING_NAMES, decodeKey32, loadConfig } from './env';

const KEY_HEX = 'ab'.repeat(32);
const KEY_B64 = Buffer.alloc(32, 9).toString('base64');
const SECRET = 'x'.repeat(40);
const production = {
  NODE_ENV: 'production',
  JWT_SECRET: SECRET,
  FIELD_ENCRYPTION_KEY: KEY_HEX,
  WECHAT_APPID: 'wx0123456789',
  WECHAT_SECRET: 'wechat-secret',
  SMS_BASE_URL: 'https://sms.example.cn',
  SMS_API_KEY: 'sms-key',
};

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhuanyi-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when nothing is set in development, then defaults apply and dev secrets are generated once and kept', () => {
    const first = loadConfig({ env: { DATA_DIR: dir } });
    expect(first).toMatchObject({ nodeEnv: 'development', port: 3000, host: '127.0.0.1', mongodbUri: undefined, dataDir: dir, seedDemoData: true });
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
