import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `mongod.lock` names the engine process that owns a data directory: pid, the process's start time
 * (so a reused pid is not taken for the owner) and a nonce naming this lock instance. It is created
 * whole and atomically (a private file hard-linked into place, failing when one exists). A lock whose
 * owner is dead is taken over through a claim file named by that lock's nonce, also created with
 * link(), so of two contenders exactly one wins; a dead claimant's claim is taken over the same way.
 */
export interface LockOwner {
  pid: number;
  /** Process start time in clock ticks since boot (Linux), '' when unknown. */
  start: string;
  nonce: string;
  host: string;
}

/** Points a test can stop at to let a rival contender run in between. */
export type LockStep = 'found-lock' | 'claimed' | 'verified';

export interface LockHooks {
  owner?: LockOwner;
  between?: (step: LockStep) => void;
}

const LOCK = 'mongod.lock';
const TAKEOVER = 'mongod.lock.takeover.';
const heldHere = new Set<string>();

export function processStart(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? '';
  } catch {
    return '';
  }
}

export function currentOwner(): LockOwner {
  return { pid: process.pid, start: processStart(process.pid), nonce: randomUUID(), host: os.hostname() };
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Alive when the pid runs and, where start times are known, it is the same process. */
export function ownerAlive(owner: LockOwner): boolean {
  if (!pidAlive(owner.pid)) return false;
  if (owner.start === '') return true;
  const now = processStart(owner.pid);
  return now === '' || now === owner.start;
}

/** Reads a lock or claim file; null when it is gone. Older `pid\n` locks are understood. */
function readOwner(file: string): LockOwner | null {
  let raw: string;
  let st: fs.Stats;
  try {
    raw = fs.readFileSync(file, 'utf8');
    st = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const o = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.nonce === 'string' && /^[\w-]+$/.test(o.nonce)) {
      return { pid: o.pid, start: typeof o.start === 'string' ? o.start : '', nonce: o.nonce, host: typeof o.host === 'string' ? o.host : '' };
    }
  } catch {
    // not JSON: an older lock holding only a pid
  }
  const nonce = createHash('sha256').update(`${raw}|${st.ino}|${st.mtimeMs}`).digest('hex').slice(0, 32);
  return { pid: Number.parseInt(raw.trim(), 10), start: '', nonce, host: '' };
}

function tryLink(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function inUse(key: string, holder: LockOwner): Error {
  return new Error(`DBPathInUse: unable to lock the data directory ${key}: it is in use by another engine process (pid ${holder.pid}). Stop that process or choose another --dbpath.`);
}

/**
 * Takes the lock of `dir` for `owner` or throws DBPathInUse; returns the release function. Used
 * directly (without the same-process guard of acquireLock) by tests that play two processes.
 */
export function claimLock(dir: string, hooks: LockHooks = {}): () => void {
  const owner = hooks.owner ?? currentOwner();
  const key = path.resolve(dir);
  const lockFile = path.join(dir, LOCK);
  const mine = path.join(dir, `${LOCK}.${owner.nonce}.tmp`);
  const fd = fs.openSync(mine, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (tryLink(mine, lockFile)) return releaser(lockFile, owner);
      const holder = readOwner(lockFile);
      if (holder === null) continue;
      hooks.between?.('found-lock');
      if (ownerAlive(holder)) throw inUse(key, holder);
      // Stale: win the claim on it (or on the first live-less claimant in the chain of claims).
      let token = holder;
      let claim = '';
      let waitForRival = false;
      for (let depth = 0; depth < 64; depth++) {
        const name = path.join(dir, `${TAKEOVER}${token.nonce}`);
        if (tryLink(mine, name)) {
          claim = name;
          break;
        }
        const claimant = readOwner(name);
        if (claimant === null) continue;
        if (claimant.nonce === owner.nonce) {
          claim = name;
          break;
        }
        if (ownerAlive(claimant)) {
          waitForRival = true;
          break;
        }
        token = claimant;
      }
      if (waitForRival || claim === '') {
        pause(10);
        continue;
      }
      hooks.between?.('claimed');
      const now = readOwner(lockFile);
      if (now === null || now.nonce !== holder.nonce) {
        unlinkQuietly(claim);
        continue;
      }
      hooks.between?.('verified');
      fs.renameSync(mine, lockFile);
      for (const f of fs.readdirSync(dir)) if (f.startsWith(TAKEOVER) && f !== `${TAKEOVER}${owner.nonce}`) unlinkQuietly(path.join(dir, f));
      return releaser(lockFile, owner);
    }
    throw new Error(`DBPathInUse: unable to lock the data directory ${key}`);
  } finally {
    unlinkQuietly(mine);
  }
}

function releaser(lockFile: string, owner: LockOwner): () => void {
  fsyncDir(path.dirname(lockFile));
  return () => {
    if (readOwner(lockFile)?.nonce === owner.nonce) unlinkQuietly(lockFile);
  };
}

export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsyncDir without blocking the event loop. */
export async function fsyncDirAsync(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Claims a data directory for this process; a live owner (this or another process) makes it refuse. */
export function acquireLock(dir: string): () => void {
  const key = path.resolve(dir);
  if (heldHere.has(key)) {
    throw new Error(`DBPathInUse: the data directory ${key} is already in use by an engine in this process; stop it first or choose another --dbpath`);
  }
  const release = claimLock(dir);
  heldHere.add(key);
  return () => {
    heldHere.delete(key);
    release();
  };
}
