/**
 * The first production admin (`npm run admin:create -- --username x`): there are no demo logins
 * in production, so someone has to exist who can create the other accounts. The password must
 * pass the rules of the start-up secrets (at least 16 characters, not a repeated pattern); the
 * creation is audited as a system action.
 */
import { weakSecret } from '../../config/env';
import { AuditService } from '../audit/audit.service';
import type { Clock } from '../../security/clock';
import { Account } from './account.model';
import { hashPassword } from './password';

export const ADMIN_PASSWORD_MIN = 16;
const USERNAME = /^[a-z0-9_.-]{3,32}$/;

export class AdminCreationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminCreationError';
  }
}

/** Why a password is refused, or null when it may be used. */
export function adminPasswordProblem(password: string): string | null {
  if (password.length < ADMIN_PASSWORD_MIN) return `the password is too short (at least ${ADMIN_PASSWORD_MIN} characters)`;
  if (weakSecret(password)) return 'the password is too weak (fewer than 10 different characters, or a repeated pattern)';
  return null;
}

export async function createFirstAdmin(input: { username: string; password: string; displayName?: string }, clock: Clock): Promise<{ id: string; username: string }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw new AdminCreationError('--username must be 3–32 of a-z, 0-9, _ . -');
  const problem = adminPasswordProblem(input.password);
  if (problem) throw new AdminCreationError(`Refused: ${problem}.`);
  if (await Account.exists({ username })) throw new AdminCreationError(`Refused: an account named ${username} already exists.`);
  const displayName = (input.displayName ?? username).trim().slice(0, 30) || username;
  const created = await Account.create({ username, displayName, role: 'admin', regionScope: null, passwordHash: await hashPassword(input.password), active: true });
  const id = created._id.toHexString();
  await new AuditService(clock).record({ subjectId: 'system', role: 'system' }, { action: 'create', targetType: 'account', targetId: id, regionCode: null, detail: `admin:create ${username}` });
  return { id, username };
}
