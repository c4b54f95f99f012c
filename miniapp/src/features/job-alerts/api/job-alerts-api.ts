import { MyJobAlertSchema, type JobAlertInput, type MyJobAlert } from '@zhuanyi/shared';
import { createIdempotencyKey, http } from '@/services/http';

/** GET /job-alerts/me: the worker's alert (null when none) with the last notice sent. */
export function getMyJobAlert(): Promise<MyJobAlert> {
  return http.get('/job-alerts/me', MyJobAlertSchema);
}

/** PUT /job-alerts/me: subscribe (no trades/places: those of the registration); safe to resend. */
export function subscribeJobAlert(input: JobAlertInput, idempotencyKey: string = createIdempotencyKey()): Promise<MyJobAlert> {
  return http.request({ method: 'PUT', path: '/job-alerts/me', body: input, schema: MyJobAlertSchema, idempotencyKey });
}

/** DELETE /job-alerts/me: stop alerts. */
export function stopJobAlert(): Promise<MyJobAlert> {
  return http.request({ method: 'DELETE', path: '/job-alerts/me', schema: MyJobAlertSchema });
}
