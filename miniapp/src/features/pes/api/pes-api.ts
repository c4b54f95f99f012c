import { PesOutboxListSchema, PesRetryResultSchema, PesStatusSchema, type PesOutboxList, type PesRetryResult, type PesStatus } from '@zhuanyi/shared';
import { http } from '@/services/http';

/** GET /pes/status: sync, outbox backlog and dead letters (staff: their region's outbox). */
export function getPesStatus(): Promise<PesStatus> {
  return http.get('/pes/status', PesStatusSchema);
}

/** GET /pes/dead-letters (admin). */
export function getDeadLetters(cursor?: string): Promise<PesOutboxList> {
  return http.get('/pes/dead-letters', PesOutboxListSchema, { limit: 20, cursor });
}

/** POST /pes/dead-letters/:id/retry, or all of them without an id (admin). */
export function retryDeadLetters(id?: string): Promise<PesRetryResult> {
  const path = id ? `/pes/dead-letters/${encodeURIComponent(id)}/retry` : '/pes/dead-letters/retry';
  return http.request({ method: 'POST', path, schema: PesRetryResultSchema });
}
