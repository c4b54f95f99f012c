import {
  StaffEnrollmentListSchema,
  StaffEnrollmentSchema,
  type EnrollmentMove,
  type EnrollmentStatus,
  type StaffEnrollment,
  type StaffEnrollmentList,
} from '@zhuanyi/shared';
import { createIdempotencyKey, http } from '@/services/http';

/** Sign-ups for courses of the staff member's county (GET /staff/enrollments). */
export function listStaffEnrollments(query: { status?: EnrollmentStatus; courseId?: string; cursor?: string }): Promise<StaffEnrollmentList> {
  return http.get('/staff/enrollments', StaffEnrollmentListSchema, { ...query, limit: 20 });
}

/** Moves one sign-up (已确认 → 培训中 → 已结业 / 未通过); retry-safe with its own key. */
export function moveEnrollment(id: string, move: EnrollmentMove, idempotencyKey: string = createIdempotencyKey()): Promise<StaffEnrollment> {
  return http.request({ method: 'POST', path: `/staff/enrollments/${encodeURIComponent(id)}/status`, body: move, schema: StaffEnrollmentSchema, idempotencyKey });
}
