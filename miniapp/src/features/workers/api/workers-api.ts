import {
  ClaimableRecordListSchema,
  WorkerRegistrationResultSchema,
  WorkerRegistrationSchema,
  type ClaimableRecordList,
  type WorkerRegistration,
  type WorkerRegistrationResult,
} from '@zhuanyi/shared';
import { http } from '@/services/http';

/** GET /workers/me: my registration (404 before the first). */
export function getMyRegistration(): Promise<WorkerRegistration> {
  return http.get('/workers/me', WorkerRegistrationSchema);
}

/** PUT /workers/me: register or update; the key makes a resend safe (never two records). */
export function saveMyRegistration(body: unknown, idempotencyKey: string): Promise<WorkerRegistrationResult> {
  return http.request({ method: 'PUT', path: '/workers/me', body, schema: WorkerRegistrationResultSchema, idempotencyKey });
}

/** GET /workers/me/claimable: records a broker or staff entered with the phone I signed in with. */
export function getClaimableRecords(): Promise<ClaimableRecordList> {
  return http.get('/workers/me/claimable', ClaimableRecordListSchema);
}

/** POST /workers/me/claim: takes such a record, confirmed by its ID number (the phone is the one signed in with). */
export function claimMyRecord(idNumber: string, idempotencyKey: string): Promise<WorkerRegistrationResult> {
  return http.request({ method: 'POST', path: '/workers/me/claim', body: { idNumber }, schema: WorkerRegistrationResultSchema, idempotencyKey });
}
