/** Only a certified broker may enroll people or claim subsidies (Account.certifiedAt set). */
import { Types } from 'mongoose';
import type { AuthContext } from '../../http/auth';
import { AppError } from '../../http/errors';
import { Account } from '../accounts/account.model';

export async function isCertifiedBroker(subjectId: string): Promise<boolean> {
  if (!Types.ObjectId.isValid(subjectId)) return false;
  const account = await Account.findById(subjectId, { role: 1, certifiedAt: 1, active: 1 }).lean().exec();
  return account !== null && account.role === 'broker' && account.active && account.certifiedAt !== null && account.certifiedAt !== undefined;
}

/** Throws 403 brokerNotCertified for a broker who is not certified now; other roles pass. */
export async function assertCertifiedBroker(auth: Pick<AuthContext, 'role' | 'subjectId'>): Promise<void> {
  if (auth.role !== 'broker') return;
  if (!(await isCertifiedBroker(auth.subjectId))) throw new AppError('FORBIDDEN', { messageKey: 'error.brokerNotCertified' });
}
