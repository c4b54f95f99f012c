/**
 * mongod's data directory lock (`mongod.lock`): two engines on one data directory can never both
 * run. The lock is created atomically (hard link of a complete file, failing if one exists) and
 * names its owner by pid, process start time and a nonce; a lock whose owner is dead is taken over
 * through a claim file created the same atomic way, so of two contenders exactly one wins.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { claimLock, currentOwner, type LockStep } from '../storage/lockfile';

const tmpDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-lock-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A lock left by a process that has exited. */
function staleLock(dir: string): void {
  const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
  fs.writeFileSync(path.join(dir, 'mongod.lock'), `${JSON.stringify({ pid: dead, start: '1', nonce: `dead-${dead}`, host: os.hostname() })}\n`);
}

const lockOwnerNonce = (dir: string): string => (JSON.parse(fs.readFileSync(path.join(dir, 'mongod.lock'), 'utf8')) as { nonce: string }).nonce;

describe('data directory lock', () => {
  it('when a live owner holds the lock, then a second contender is refused with DBPathInUse and the pid', () => {
    const dir = tempDir();
    const release = claimLock(dir);
    expect(() => claimLock(dir)).toThrow(new RegExp(`DBPathInUse: .*in use by another engine process \\(pid ${process.pid}\\)`));
    release();
    const again = claimLock(dir);
    again();
  });

  it('when the lock holds a pid that now belongs to another process (start time differs), then it is taken over', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'mongod.lock'), JSON.stringify({ pid: process.pid, start: 'not-this-process', nonce: 'reused-pid', host: '' }));
    const release = claimLock(dir);
    expect(lockOwnerNonce(dir)).not.toBe('reused-pid');
    release();
  });

  it('when an older pid-only lock of a dead process is found, then it is taken over', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    fs.writeFileSync(path.join(dir, 'mongod.lock'), `${dead}\n`);
    claimLock(dir)();
  });

  const steps: LockStep[] = ['found-lock', 'claimed', 'verified'];
  it.each(steps)('when two contenders take over a stale lock and the second runs whole while the first is at "%s", then exactly one wins', (at) => {
    const dir = tempDir();
    staleLock(dir);
    const first = currentOwner();
    const second = currentOwner();
    let secondWon = false;
    let secondError = '';
    let firstWon = false;
    let firstError = '';
    try {
      claimLock(dir, {
        owner: first,
        between: (step) => {
          if (step !== at) return;
          try {
            claimLock(dir, { owner: second });
            secondWon = true;
          } catch (err) {
            secondError = String(err);
          }
        },
      });
      firstWon = true;
    } catch (err) {
      firstError = String(err);
    }
    expect([firstWon, secondWon].filter(Boolean)).toHaveLength(1);
    expect(firstWon ? secondError : firstError).toMatch(/DBPathInUse/);
    expect(lockOwnerNonce(dir)).toBe(firstWon ? first.nonce : second.nonce);
    expect(fs.readdirSync(dir).filter((f) => f.includes('takeover') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('when a contender died holding the takeover claim, then the next contender takes over both', () => {
    const dir = tempDir();
    staleLock(dir);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    fs.writeFileSync(path.join(dir, `mongod.lock.takeover.dead-${JSON.parse(fs.readFileSync(path.join(dir, 'mongod.lock'), 'utf8')).pid as number}`), JSON.stringify({ pid: dead, start: '1', nonce: `claimant-${dead}`, host: '' }));
    const me = currentOwner();
    claimLock(dir, { owner: me });
    expect(lockOwnerNonce(dir)).toBe(me.nonce);
  });

  it('when separate processes race for a stale lock at the same moment, then in every round exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = tempDir();
      staleLock(dir);
      const startAt = String(Date.now() + 2500);
      const results = await Promise.all(
        [0, 1, 2].map(
          () =>
            new Promise<string>((resolve) => {
              const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/lock-contender.ts'), dir, startAt], { stdio: ['ignore', 'pipe', 'inherit'] });
              let out = '';
              child.stdout.on('data', (d: Buffer) => (out += d.toString()));
              child.on('exit', () => resolve(out.trim()));
            }),
        ),
      );
      expect(results.filter((r) => r === 'won')).toHaveLength(1);
      expect(results.filter((r) => r.startsWith('refused DBPathInUse'))).toHaveLength(2);
    }
  }, 90_000);
});
