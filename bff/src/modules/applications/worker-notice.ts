/** Tells a worker (by their login) that an application or enrollment moved, through the case notifier. */
import { Types } from 'mongoose';
import { t } from '@zhuanyi/shared';
import type { Notifier } from '../../integrations/notify/notifier';
import type { FieldCrypto } from '../../security/field-crypto';
import { WorkerLogin } from '../auth/worker-login.model';

export interface ProgressNotice {
  /** The application or enrollment id (kept with the notification record). */
  refId: string;
  /** Short reference shown in the message, e.g. GW1A2B3C4D. */
  reference: string;
  /** One line (Chinese). */
  text: string;
  page: string;
}

export type NotifyWorker = (loginId: string, notice: ProgressNotice) => Promise<void>;

/** A short reference for a record: a prefix and the id's last 8 hex digits. */
export const referenceOf = (prefix: string, id: string) => `${prefix}${id.slice(-8).toUpperCase()}`;

export function workerNotifier(deps: { notifier: Notifier; crypto: FieldCrypto }): NotifyWorker {
  return async (loginId, notice) => {
    const login = Types.ObjectId.isValid(loginId) ? await WorkerLogin.findById(loginId).lean().exec() : null;
    const phone = login?.phoneEnc ? deps.crypto.decrypt('phone', login.phoneEnc) : null;
    await deps.notifier.notifyCase(
      { subjectId: loginId, openid: login?.openid ?? null, phone },
      { complaintId: notice.refId, caseNumber: notice.reference, step: notice.text, page: notice.page },
    );
  };
}

export const statusText = (kind: 'application' | 'enrollment', title: string, status: string) =>
  t(`${kind}.notify.text`, { title, status: t(`${kind}.status.${status}`) });
