/**
 * `npm run admin:create`: the command, spawned as an operator runs it against a fresh data dir,
 * refuses weak passwords, creates the admin (audited as a system action), and that admin then
 * signs in through the API.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuditListSchema, TokenPairSchema } from '@zhuanyi/shared';
import { testConfig } from '../../config/env';
import { connectDatabase, type Database } from '../../db/connection';
import { testApp } from '../../test-support/test-app';
import { adminPasswordProblem } from './first-admin';

jest.setTimeout(180_000);

const bffDir = resolve(__dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'zhuanyi-admin-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command as `npm run admin:create -- …` runs it, the password piped to stdin. */
function adminCreate(args: string[], stdin: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(MONGODB_|JWT_|FIELD_|DATA_DIR$|NODE_ENV$|HOST$|DEMO$)/.test(k)) env[k] = v;
  return new Promise((res) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/modules/accounts/create-admin.cli.ts', ...args], {
      cwd: bffDir,
      env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => res({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('admin:create', () => {
  it('when a password is short or a repeated pattern, then it is refused by the start-up secret rules', () => {
    expect(adminPasswordProblem('Short1!')).toMatch(/too short/);
    expect(adminPasswordProblem('abcabcabcabcabcabc')).toMatch(/too weak/);
    expect(adminPasswordProblem('aaaaaaaaaaaaaaaaaaaa')).toMatch(/too weak/);
    expect(adminPasswordProblem('Tongliao-Staff-2026!x')).toBeNull();
  });

  it('when run against a fresh data dir, then weak passwords are refused, the admin is created once, audited, and signs in through the API', async () => {
    const weak = await adminCreate(['--username', 'chief'], 'abcabcabcabcabcabc\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/^Refused: the password is too weak/);

    const password = 'Tongliao-Staff-2026!x';
    const made = await adminCreate(['--username', 'chief', '--name', '系统管理员'], `${password}\n`);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^Admin account created: chief \([0-9a-f]{24}\)/);

    const again = await adminCreate(['--username', 'chief'], `${password}\n`);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const database: Database = await connectDatabase({ ...testConfig(), mongodbUri: undefined, embeddedDbPath: join(dataDir, 'db'), dbName: 'zhuanyi' });
    try {
      const { http } = testApp(database, { rateLimitScale: 0 });
      expect((await http().post('/api/v1/auth/password').send({ username: 'chief', password: 'wrong-password-123' })).status).toBe(401);
      const signedIn = TokenPairSchema.parse((await http().post('/api/v1/auth/password').send({ username: 'chief', password }).expect(200)).body);
      expect(signedIn.subject.role).toBe('admin');
      const audit = AuditListSchema.parse(
        (await http().get('/api/v1/audit').query({ targetType: 'account' }).set('Authorization', `Bearer ${signedIn.accessToken}`).expect(200)).body,
      );
      expect(audit.items).toEqual([expect.objectContaining({ actorId: 'system', actorRole: 'system', action: 'create', targetType: 'account', detail: 'admin:create chief' })]);
    } finally {
      await database.close();
    }
  });
});
