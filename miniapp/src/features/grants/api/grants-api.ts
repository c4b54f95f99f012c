import { WorkerGrantListSchema, WorkerGrantSchema, type WorkerGrant, type WorkerGrantList } from '@zhuanyi/shared';
import { http } from '@/services/http';

/** GET /workers/me/grants: the grants I am entitled to, with status. */
export function getMyGrants(): Promise<WorkerGrantList> {
  return http.get('/workers/me/grants', WorkerGrantListSchema);
}

/** POST /workers/me/grants/:id/claim: apply (申请) for a due grant; the key makes a resend count once. */
export function applyForGrant(id: string, idempotencyKey: string): Promise<WorkerGrant> {
  return http.request({ method: 'POST', path: `/workers/me/grants/${encodeURIComponent(id)}/claim`, schema: WorkerGrantSchema, idempotencyKey });
}
