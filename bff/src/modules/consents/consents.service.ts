/**
 * Consent records (PIPL): granted per purpose against the notice version in force, withdrawn at
 * any time (the record stays, with its withdrawal time). Registration by the worker requires
 * both purposes in force: the form holds sensitive personal information.
 */
import { PRIVACY_NOTICE_VERSION, type ConsentGrant, type ConsentPurpose, type MyConsents } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, ValidationError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import { ConsentModel, type ConsentRecord } from './consent.model';

export class ConsentService {
  constructor(private readonly clock: Clock) {}

  private async active(subjectId: string): Promise<ConsentRecord[]> {
    return ConsentModel.find({ subjectId, withdrawnAt: null, noticeVersion: PRIVACY_NOTICE_VERSION }).lean<ConsentRecord[]>().exec();
  }

  async mine(auth: AuthContext): Promise<MyConsents> {
    const history = await ConsentModel.find({ subjectId: auth.subjectId }).sort({ grantedAt: -1, _id: -1 }).lean<ConsentRecord[]>().exec();
    const inForce = (p: ConsentPurpose) => history.some((r) => r.purpose === p && r.withdrawnAt === null && r.noticeVersion === PRIVACY_NOTICE_VERSION);
    return {
      noticeVersion: PRIVACY_NOTICE_VERSION,
      current: { personal_info: inForce('personal_info'), sensitive_info: inForce('sensitive_info') },
      history: history.map((r) => ({
        purpose: r.purpose as ConsentPurpose,
        noticeVersion: r.noticeVersion,
        grantedAt: r.grantedAt.toISOString(),
        withdrawnAt: r.withdrawnAt ? r.withdrawnAt.toISOString() : null,
      })),
    };
  }

  /** Records the purposes not already in force (a repeat is a no-op). Sensitive needs personal too. */
  async grant(auth: AuthContext, input: ConsentGrant): Promise<MyConsents> {
    if (input.noticeVersion !== PRIVACY_NOTICE_VERSION) throw new ValidationError({ noticeVersion: 'error.consent.noticeOutdated' });
    const active = new Set((await this.active(auth.subjectId)).map((r) => r.purpose));
    const wanted = new Set(input.purposes);
    if (wanted.has('sensitive_info') && !wanted.has('personal_info') && !active.has('personal_info')) {
      throw new ValidationError({ purposes: 'error.consent.personalFirst' });
    }
    const now = this.clock();
    const fresh = [...wanted].filter((p) => !active.has(p));
    if (fresh.length > 0) {
      await ConsentModel.insertMany(fresh.map((purpose) => ({ subjectId: auth.subjectId, purpose, noticeVersion: PRIVACY_NOTICE_VERSION, grantedAt: now })));
    }
    return this.mine(auth);
  }

  /** Withdraws one purpose; withdrawing the privacy notice withdraws sensitive information too. */
  async withdraw(auth: AuthContext, purpose: ConsentPurpose): Promise<MyConsents> {
    const purposes: ConsentPurpose[] = purpose === 'personal_info' ? ['personal_info', 'sensitive_info'] : ['sensitive_info'];
    await ConsentModel.updateMany({ subjectId: auth.subjectId, purpose: { $in: purposes }, withdrawnAt: null }, { $set: { withdrawnAt: this.clock() } }).exec();
    return this.mine(auth);
  }

  /** Throws unless both purposes are in force (before the worker's own registration is stored). */
  async requireForRegistration(auth: AuthContext): Promise<void> {
    const active = new Set((await this.active(auth.subjectId)).map((r) => r.purpose));
    if (!active.has('personal_info') || !active.has('sensitive_info')) {
      throw new AppError('FORBIDDEN', { messageKey: 'error.consent.required', fields: { consent: 'error.consent.required' } });
    }
  }
}
