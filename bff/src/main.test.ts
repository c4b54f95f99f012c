/** Start-up as a person runs it: the real main.ts in a child process. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from 'node:net';

const bffDir = resolve(__dirname, '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function clean(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (!/^(MONGODB_|JWT_|FIELD_|WECHAT_|SMS_|PORT$|HOST$|DATA_DIR$|NODE_ENV$|LOG_LEVEL$|SEED_|DEMO$)/.test(k)) out[k] = v;
  }
  return out;
}

/** Runs main.ts until it exits (or `until` sees its output, then SIGTERM). */
function runMain(env: Record<string, string>, until?: (stdout: string) => boolean, timeoutMs = 60_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<Run & { sawReady: boolean }> {
  return new Promise((res, rej) => {
    // As `npm -w bff start` runs it.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: bffDir, env: { ...clean(process.env), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sawReady = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`main.ts did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (until && !sawReady && until(stdout)) {
        sawReady = true;
        child.kill(signal);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr, sawReady });
    });
  });
}

/** The embedded engine's private socket (its process serves no TCP port) from the start-up banner. */
function engineSocket(stdout: string): string {
  const m = /Database: embedded engine in its own process \(mongodb:\/\/([^/]+\.sock)\//.exec(stdout);
  if (!m) throw new Error(`no engine in its own process in the banner:\n${stdout}`);
  return decodeURIComponent(m[1]!);
}

/** Whether something still accepts connections on the socket. */
function listening(path: string): Promise<boolean> {
  return new Promise((res) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      res(true);
    });
    socket.once('error', () => res(false));
  });
}

async function stopsListening(path: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!(await listening(path))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** stderr lines that are ours (npm/node warnings aside). */
const ownLines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '' && !/^(npm warn|\(node:\d+\))/.test(l));

describe('start-up', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'zhuanyi-main-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when a value is malformed, then it exits 1 with one line naming it', async () => {
    const r = await runMain({ DATA_DIR: dataDir, PORT: 'not-a-port' });
    expect(r.code).toBe(1);
    expect(ownLines(r.stderr)).toEqual([expect.stringMatching(/^Invalid configuration: PORT .+\.$/)]);
  }, 60_000);

  it('when production misses its secrets, then it exits 1 with one line saying which to set', async () => {
    const r = await runMain({ DATA_DIR: dataDir, NODE_ENV: 'production' });
    expect(r.code).toBe(1);
    const lines = ownLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('JWT_SECRET is required when NODE_ENV=production');
    expect(lines[0]).toContain('FIELD_ENCRYPTION_KEY is required when NODE_ENV=production');
  }, 60_000);

  it('when MONGODB_URI cannot be reached, then it exits 1 with one line saying what to fix, password hidden', async () => {
    const r = await runMain({
      DATA_DIR: dataDir,
      MONGODB_URI: 'mongodb://app:s3cret@127.0.0.1:1/zhuanyi',
      MONGODB_CONNECT_TIMEOUT_MS: '1000',
    });
    expect(r.code).toBe(1);
    const lines = ownLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot reach MongoDB at mongodb:\/\/app:\*\*\*@127\.0\.0\.1:1\/zhuanyi \(MONGODB_URI\): .+ unset it to use the embedded engine\.$/);
    expect(r.stderr).not.toContain('s3cret');
  }, 60_000);

  it('when started in demo mode with the embedded engine, then it seeds, prints the URL and demo logins, and SIGTERM stops it cleanly', async () => {
    const banner = (out: string) => /Demo logins[\s\S]*admin/.test(out);
    const first = await runMain({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DEMO: '1' }, banner, 90_000);
    expect(first.sawReady).toBe(true);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/is running: http:\/\/127\.0\.0\.1:\d+\//);
    expect(first.stdout).toMatch(/broker\s+broker\s+\/ demo-broker-2024/);
    expect(first.stdout).toMatch(/staff\s+staff/);
    expect(first.stdout).toMatch(/intake\s+intake/);
    // Its engine ran in a process of its own and stopped with it.
    expect(await listening(engineSocket(first.stdout))).toBe(false);

    // Data survives the restart: still there, not seeded twice.
    const second = await runMain({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', DEMO: '1' }, banner, 90_000);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('demo data seeded');
    expect(second.stdout).toContain('Demo logins');
  }, 200_000);

  it('when the BFF is killed with kill -9, then its engine process ends by itself and a restart on the same data finds it intact', async () => {
    const banner = (out: string) => /Demo logins[\s\S]*admin/.test(out);
    const killed = await runMain({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DEMO: '1' }, banner, 90_000, 'SIGKILL');
    expect(killed.sawReady).toBe(true);
    expect(killed.code).toBeNull();
    expect(await stopsListening(engineSocket(killed.stdout), 10_000)).toBe(true);
    const again = await runMain({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', DEMO: '1' }, banner, 90_000);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('demo data seeded');
  }, 200_000);

  it('when started without DEMO, then no demo data, no demo logins and no fake PES', async () => {
    const r = await runMain({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' }, (out) => out.includes('is running:'), 90_000);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Demo logins');
    expect(r.stdout).not.toContain('demo data seeded');
    expect(r.stdout).not.toContain('fake PES');
  }, 120_000);

  it('when production meets a demo-seeded database, it refuses until `npm run demo:remove`; a wrong FIELD_ENCRYPTION_KEY stops it with one line', async () => {
    const secrets = { JWT_SECRET: 'k7Qm2vX9pL4rT8wZ1nB6yH3jD5fG0sAe', FIELD_ENCRYPTION_KEY: '3f9a1c7e5b2d8046e1f3a5c7b9d0e2f4a6c8e0b2d4f6081a3c5e7092b4d6f8a1' };
    const production = {
      ...secrets,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      EMBEDDED_DB_PROCESS: 'false',
      WECHAT_APPID: 'wx0123456789',
      WECHAT_SECRET: 'a3f9c1e7b5d2084f6e1c3a5b',
      SMS_BASE_URL: 'https://sms.example.cn',
      SMS_API_KEY: 'Sk-93fj2k4l5m6n7p8q',
    };
    const running = (out: string) => out.includes('is running:');
    const demo = await runMain({ ...secrets, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DEMO: '1', EMBEDDED_DB_PROCESS: 'false' }, (out) => /Demo logins[\s\S]*admin/.test(out), 90_000);
    expect(demo.code).toBe(0);

    const refused = await runMain(production);
    expect(refused.code).toBe(1);
    expect(ownLines(refused.stderr)).toEqual([expect.stringMatching(/^This database was seeded with demo data \(admin, broker, intake, staff\): run `npm run demo:remove`/)]);

    const removal = await new Promise<Run>((res) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/seed/remove-demo.cli.ts'], { cwd: bffDir, env: { ...clean(process.env), ...production }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => res({ code, stdout, stderr }));
    });
    expect(removal.code).toBe(0);
    expect(removal.stdout).toMatch(/Demo data removed: 4 accounts, \d+ employers, 40 jobs, \d+ courses\./);

    const started = await runMain(production, running, 90_000);
    expect(started.sawReady).toBe(true);
    expect(started.code).toBe(0);
    expect(started.stdout).not.toContain('Demo logins');

    const wrongKey = await runMain({ ...production, FIELD_ENCRYPTION_KEY: 'b1d3f5a7c9e0b2d4f6a8c0e1f3a5b7d9c2e4f6a8b0d1e3f5a7c9e2b4d6f8a0c1' });
    expect(wrongKey.code).toBe(1);
    expect(ownLines(wrongKey.stderr)).toEqual([expect.stringMatching(/^FIELD_ENCRYPTION_KEY does not open the personal data already stored in this database/)]);
  }, 300_000);
});
