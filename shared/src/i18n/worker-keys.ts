import { zhCN, type MessageKey } from './zh-CN';
import { zhCNBrokers } from './zh-CN.brokers';

/** Shared keys only staff, intake officers, admins or brokers see: they may stay Chinese. */
const staffOnlyPrefixes = ['report.', 'pes.', 'watch.', 'service.', 'role.', 'registrationSource.', 'indicator.', 'followUp.', 'outcome.'];
const staffOnlyKeys = new Set<string>([
  ...Object.keys(zhCNBrokers),
  'error.scopeRequired',
  'error.jobReportNotFound',
  'error.jobReportHandled',
  'error.followUpNotFound',
  'error.followUpDone',
  'error.complainantNoPhone',
  'error.applicantNoPhone',
  'error.transferRegion',
  'error.outOfScope',
  'error.employerNotFound',
  'error.accountNotFound',
  'error.usernameTaken',
  'error.workerOutOfScope',
  'error.complaintNeedsArbitration',
  'error.complaintNotReferred',
  'error.awardExtended',
  'error.applicationTransition',
  'error.enrollmentTransition',
  'error.badCredentials',
  'error.signInLocked',
  'validation.username',
  'validation.password',
  'validation.month',
  'validation.courseDates',
  'validation.creditCode',
  'validation.complaint.workerRequired',
  'validation.idempotencyKey.required',
  'validation.idempotencyKey.format',
]);

export function isWorkerFacingSharedKey(key: string): boolean {
  return !staffOnlyKeys.has(key) && !staffOnlyPrefixes.some((prefix) => key.startsWith(prefix));
}

/** Every shared key a worker can see: each language's catalog must have them all. */
export const workerSharedKeys = (Object.keys(zhCN) as MessageKey[]).filter(isWorkerFacingSharedKey);
export type WorkerSharedKey = (typeof workerSharedKeys)[number];
