import fs from 'node:fs';
import path from 'node:path';

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claims a data directory for this process; a live owner (this or another process) makes it refuse. */
export function acquireLock(dir: string): () => void {
  const file = path.join(dir, 'mongod.lock');
  const key = path.resolve(dir);
  if (heldHere.has(key)) {
    throw new Error(`DBPathInUse: the data directory ${key} is already in use by an engine in this process; stop it first or choose another --dbpath`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      heldHere.add(key);
      return () => {
        heldHere.delete(key);
        try {
          fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new Error(`DBPathInUse: unable to lock the data directory ${key}: it is in use by another engine process (pid ${pid}). Stop that process or choose another --dbpath.`);
      }
      // Left behind by a process that died (e.g. kill -9): take it over.
      fs.unlinkSync(file);
    }
  }
  throw new Error(`DBPathInUse: unable to lock the data directory ${key}`);
}
