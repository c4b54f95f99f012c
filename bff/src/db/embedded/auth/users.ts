import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import saslprep from '@mongodb-js/saslprep';

/** mongod's default scramSHA256IterationCount. */
export const SCRAM_ITERATIONS = 15_000;

/** A SCRAM-SHA-256 credential as RFC 5802/7677 keep it: the password itself is never stored. */
export interface StoredUser {
  db: string;
  user: string;
  mechanism: 'SCRAM-SHA-256';
  iterations: number;
  salt: string;
  storedKey: string;
  serverKey: string;
}

interface UsersFile {
  users: StoredUser[];
}

export const hmac = (key: Buffer, text: string | Buffer): Buffer => createHmac('sha256', key).update(text).digest();
export const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

/** SaltedPassword = Hi(SASLprep(password), salt, i); ClientKey/ServerKey by HMAC; StoredKey = H(ClientKey). */
export function scramCredential(db: string, user: string, password: string, iterations = SCRAM_ITERATIONS, salt = randomBytes(28)): StoredUser {
  const salted = pbkdf2Sync(saslprep(password), salt, iterations, 32, 'sha256');
  return {
    db,
    user,
    mechanism: 'SCRAM-SHA-256',
    iterations,
    salt: salt.toString('base64'),
    storedKey: sha256(hmac(salted, 'Client Key')).toString('base64'),
    serverKey: hmac(salted, 'Server Key').toString('base64'),
  };
}

/** `users.json` in the data directory (mode 0600), read again when it changes. */
export class UserStore {
  private cache: { mtimeMs: number; users: StoredUser[] } | null = null;

  constructor(readonly file: string) {}

  static forDataDir(dir: string): UserStore {
    return new UserStore(path.join(dir, 'users.json'));
  }

  list(): StoredUser[] {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.file);
    } catch {
      return [];
    }
    if (this.cache?.mtimeMs !== st.mtimeMs) {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as UsersFile;
      this.cache = { mtimeMs: st.mtimeMs, users: Array.isArray(parsed.users) ? parsed.users : [] };
    }
    return this.cache.users;
  }

  find(db: string, user: string): StoredUser | undefined {
    return this.list().find((u) => u.db === db && u.user === user);
  }

  /** Adds or replaces a user; the file is written whole, privately, and renamed into place. */
  put(cred: StoredUser): void {
    const users = this.list().filter((u) => !(u.db === cred.db && u.user === cred.user));
    users.push(cred);
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.cache = null;
  }

  remove(db: string, user: string): boolean {
    const users = this.list();
    const kept = users.filter((u) => !(u.db === db && u.user === user));
    if (kept.length === users.length) return false;
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ users: kept }, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.cache = null;
    return true;
  }
}
