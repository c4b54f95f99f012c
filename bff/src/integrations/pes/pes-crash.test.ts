/**
 * A BFF killed mid-delivery (SIGKILL, the real main.ts in a child process, the embedded engine
 * with a data directory) and started again loses nothing and duplicates nothing upstream.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { PesStatusSchema, TokenPairSchema, WorkerRegistrationResultSchema } from '@zhuanyi/shared';
import { seededRandom, startFakePes, type FakePes } from './fake-pes-server';
import { inParallel, registrationFor, waitFor } from './pes.test-support';

const bffDir = resolve(__dirname, '../../..');

function cleanEnv(): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(MONGODB_|JWT_|FIELD_|WECHAT_|SMS_|PES_|PORT$|HOST$|DATA_DIR$|NODE_ENV$|LOG_LEVEL$|SEED_|DEMO$)/.test(k)) out[k] = v;
  return out;
}

interface Bff {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts main.ts and answers once it prints its URL. */
function startBff(env: Record<string, string>): Promise<Bff> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: bffDir, env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`BFF did not start:\n${out}`));
    }, 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /is running: (http:\/\/[^\s/]+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        res({ child, url: m[1], output: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`BFF exited with ${code}:\n${out}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
}

async function signIn(url: string, username: string, password: string): Promise<{ Authorization: string }> {
  const res = await request(url).post('/api/v1/auth/password').send({ username, password }).expect(200);
  return { Authorization: `Bearer ${TokenPairSchema.parse(res.body).accessToken}` };
}

describe('PES delivery across a crash', () => {
  let pes: FakePes;
  let dataDir: string;
  const running: ChildProcess[] = [];
  beforeAll(async () => {
    pes = await startFakePes({ random: seededRandom(11) });
    dataDir = mkdtempSync(join(tmpdir(), 'zhuanyi-pes-crash-'));
  });
  afterAll(async () => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(running.map(exited));
    await pes.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the BFF is killed with deliveries in flight and started again, then every registration arrives exactly once', async () => {
    const env = {
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO: '1',
      SEED_DEMO_DATA: 'true',
      PES_ENABLED: 'true',
      PES_BASE_URL: pes.baseUrl,
      PES_OUTBOX_INTERVAL_MS: '50',
      PES_TIMEOUT_MS: '1000',
      PES_LEASE_MS: '1000',
      PES_CONCURRENCY: '4',
      PES_BACKOFF_BASE_MS: '20',
      PES_BACKOFF_MAX_MS: '200',
      PES_SYNC_INTERVAL_MS: '600000',
    };
    // Replies are slow: each push is applied upstream at once and answered 300 ms later.
    pes.setFaults({ pushDelayMs: 300 });
    const first = await startBff(env);
    running.push(first.child);
    const staff = await signIn(first.url, 'staff', 'demo-staff-2024');
    const acknowledged: string[] = [];
    await inParallel(
      Array.from({ length: 40 }, (_, i) => i),
      4,
      async (i) => {
        const res = await request(first.url).post('/api/v1/workers').set(staff).set('Idempotency-Key', `pes-crash-${process.pid}-${i}`).send(registrationFor(5000 + i));
        if (res.status !== 200) throw new Error(`registration ${i}: ${res.status} ${JSON.stringify(res.body)}`);
        acknowledged.push(WorkerRegistrationResultSchema.parse(res.body).worker.id);
      },
    );
    // Some delivered, some applied upstream but still waiting for their reply: kill it now, inside the
    // check, so no reply can be sent between seeing a push in flight and the kill.
    let inFlightAtKill = 0;
    await waitFor(
      () => {
        if (pes.arrivals.length < 8 || pes.awaitingReply === 0) return false;
        inFlightAtKill = pes.awaitingReply;
        first.child.kill('SIGKILL');
        return true;
      },
      30_000,
      () => `arrivals ${pes.arrivals.length}, awaiting reply ${pes.awaitingReply}`,
    );
    await exited(first.child);
    expect(inFlightAtKill).toBeGreaterThan(0);
    const atKill = pes.arrivals.length;
    expect(atKill).toBeLessThan(40);

    pes.setFaults({});
    const second = await startBff(env);
    running.push(second.child);
    const admin = await signIn(second.url, 'admin', 'demo-admin-2024');
    await waitFor(
      async () => {
        const status = PesStatusSchema.parse((await request(second.url).get('/api/v1/pes/status').set(admin).expect(200)).body);
        return status.outbox.pending === 0 && status.outbox.dead === 0;
      },
      60_000,
      () => `arrivals ${pes.arrivals.length}`,
    );
    second.child.kill('SIGTERM');
    await exited(second.child);

    const refs = pes.arrivals.filter((a) => a.type === 'registration').map((a) => a.ref);
    expect(refs).toHaveLength(40);
    expect(new Set(refs)).toEqual(new Set(acknowledged.map((id) => `worker:${id}`)));
    expect(pes.outOfOrder).toEqual([]);
    // The replies lost with the first process were sent again and met their first receipt.
    expect(pes.duplicates).toBeGreaterThan(0);
  }, 240_000);
});
