import { WorkerRegistrationResultSchema, WorkerRegistrationSchema, type WorkerRegistration, type WorkerRegistrationResult } from '@zhuanyi/shared';
import { http } from '@/services/http';

/** GET /workers/me: my registration (404 before the first). */
export function getMyRegistration(): Promise<WorkerRegistration> {
  return http.get('/workers/me', WorkerRegistrationSchema);
}

/** PUT /workers/me: register or update; the key makes a resend safe (never two records). */
export function saveMyRegistration(body: unknown, idempotencyKey: string): Promise<WorkerRegistrationResult> {
  return http.request({ method: 'PUT', path: '/workers/me', body, schema: WorkerRegistrationResultSchema, idempotencyKey });
}
