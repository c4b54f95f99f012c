/**
 * Who gets a job notice (template 'job'), looked up again at each try (no personal data in the
 * outbox): an alert digest goes to the worker login (its subjectId), by WeChat only when the worker
 * allowed it; a staff push goes to the registry person (`worker:<id>`): their login, else the
 * phone of the registration.
 */
import { Types } from 'mongoose';
import type { Recipient } from '../../integrations/notify/notifier';
import type { FieldCrypto } from '../../security/field-crypto';
import { WorkerLogin } from '../auth/worker-login.model';
import { Worker } from '../workers/worker.model';
import { JobAlertModel } from './job-alert.model';

export const PUSH_SUBJECT_PREFIX = 'worker:';

export async function jobNoticeRecipient(subjectId: string | null, crypto: Pick<FieldCrypto, 'decrypt'>): Promise<Recipient | null> {
  if (!subjectId) return null;
  const phoneOf = (enc: string | null | undefined) => (enc ? crypto.decrypt('phone', enc) : null);
  if (subjectId.startsWith(PUSH_SUBJECT_PREFIX)) {
    const workerId = subjectId.slice(PUSH_SUBJECT_PREFIX.length);
    const w = Types.ObjectId.isValid(workerId) ? await Worker.findById(workerId, { phoneEnc: 1, ownerLoginId: 1 }).lean().exec() : null;
    if (!w) return null;
    const login = w.ownerLoginId ? await WorkerLogin.findById(w.ownerLoginId, { openid: 1, phoneEnc: 1 }).lean().exec() : null;
    return { subjectId: login ? login._id.toHexString() : null, openid: login?.openid ?? null, phone: phoneOf(login?.phoneEnc) ?? phoneOf(w.phoneEnc) };
  }
  if (!Types.ObjectId.isValid(subjectId)) return null;
  const [login, alert] = await Promise.all([WorkerLogin.findById(subjectId, { openid: 1, phoneEnc: 1 }).lean().exec(), JobAlertModel.findOne({ subjectId }, { channel: 1 }).lean().exec()]);
  // Alerts stopped meanwhile: nothing more is sent.
  if (!login || !alert) return null;
  return { subjectId, openid: alert.channel === 'wechat' ? (login.openid ?? null) : null, phone: phoneOf(login.phoneEnc) };
}
