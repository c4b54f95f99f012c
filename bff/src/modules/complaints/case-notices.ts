/**
 * Case notices to the worker go through the outbox: a step queues its notice in the same
 * transaction as the change (queueCaseNotice), and this sender delivers queued notices in the
 * background (WeChat, then SMS), retrying with backoff. No staff request waits on a delivery.
 */
import { Types } from 'mongoose';
import { t } from '@zhuanyi/shared';
import type { Notifier, Recipient, RetryRun } from '../../integrations/notify/notifier';
import { queueCaseNotice } from '../../integrations/notify/notifier';
import type { FieldCrypto } from '../../security/field-crypto';
import { WorkerLogin } from '../auth/worker-login.model';
import { jobNoticeRecipient } from '../job-alerts/job-notice-recipient';
import { ComplaintModel, type ComplaintRecord } from './complaint.model';

type NoticeTarget = Pick<ComplaintRecord, '_id' | 'caseNumber' | 'filedBy'>;

/** Queues "case X: step" for the worker who filed; call inside the step's transaction. */
export async function queueStepNotice(r: NoticeTarget, step: string, at: Date): Promise<void> {
  const id = r._id.toHexString();
  await queueCaseNotice(
    {
      complaintId: id,
      subjectId: Types.ObjectId.isValid(r.filedBy) ? r.filedBy : null,
      caseNumber: r.caseNumber,
      step: t('complaint.notify.text', { caseNumber: r.caseNumber, step }),
      page: `pages/complaint-case/index?id=${id}`,
    },
    at,
  );
}

export class CaseNoticeSender {
  private running: Promise<RetryRun> | null = null;

  constructor(private readonly deps: { notifier: Notifier; crypto: Pick<FieldCrypto, 'decrypt'>; background: boolean; onError?: (err: unknown) => void }) {}

  /** Who gets a case's notices: the worker's login (openid, phone), else the phone taken at filing. */
  async recipientOf(r: { filedBy: string; workerPhoneEnc?: string | null }): Promise<Recipient> {
    let openid: string | null = null;
    let phone: string | null = null;
    if (Types.ObjectId.isValid(r.filedBy)) {
      const login = await WorkerLogin.findById(r.filedBy).lean().exec();
      openid = login?.openid ?? null;
      if (login?.phoneEnc) phone = this.deps.crypto.decrypt('phone', login.phoneEnc);
    }
    if (!phone && r.workerPhoneEnc) phone = this.deps.crypto.decrypt('phone', r.workerPhoneEnc);
    return { subjectId: Types.ObjectId.isValid(r.filedBy) ? r.filedBy : null, openid, phone };
  }

  /** Sends the queued notices that are due (all pending ones with `all`). */
  async sweep(options: { all?: boolean } = {}): Promise<RetryRun> {
    return this.deps.notifier.retryDue(async ({ complaintId, subjectId, template }) => {
      if (template === 'job') return jobNoticeRecipient(subjectId, this.deps.crypto);
      const r = Types.ObjectId.isValid(complaintId)
        ? await ComplaintModel.findById(complaintId, { filedBy: 1, workerPhoneEnc: 1 }).lean<{ filedBy: string; workerPhoneEnc?: string | null }>().exec()
        : null;
      if (r) return this.recipientOf(r);
      // Application and enrollment notices are queued under their own id, with the worker's login as subject.
      return subjectId && Types.ObjectId.isValid(subjectId) ? this.recipientOf({ filedBy: subjectId }) : null;
    }, options);
  }

  /** After a commit: deliver in the background (one sweep at a time; tests sweep themselves). */
  wake(): void {
    if (!this.deps.background || this.running) return;
    setImmediate(() => {
      this.running = this.sweep();
      this.running.catch((err: unknown) => this.deps.onError?.(err)).finally(() => {
        this.running = null;
      });
    });
  }
}
