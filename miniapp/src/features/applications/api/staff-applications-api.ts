import {
  PhoneRevealResponseSchema,
  StaffApplicationListSchema,
  StaffApplicationSchema,
  type ApplicationMove,
  type ApplicationStatus,
  type StaffApplication,
  type StaffApplicationList,
} from '@zhuanyi/shared';
import { createIdempotencyKey, http } from '@/services/http';

/** Applications to jobs of the staff member's county (GET /staff/applications). */
export function listStaffApplications(query: { status?: ApplicationStatus; cursor?: string }): Promise<StaffApplicationList> {
  return http.get('/staff/applications', StaffApplicationListSchema, { ...query, limit: 20 });
}

/** Moves one application (已联系 / 已录用 / 未录用); retry-safe with its own key. */
export function moveApplication(id: string, move: ApplicationMove, idempotencyKey: string = createIdempotencyKey()): Promise<StaffApplication> {
  return http.request({ method: 'POST', path: `/staff/applications/${encodeURIComponent(id)}/status`, body: move, schema: StaffApplicationSchema, idempotencyKey });
}

/** The applicant's full phone for a call; the reason is kept in the audit log. */
export function revealApplicantPhone(id: string, reason: string) {
  return http.request({ method: 'POST', path: `/staff/applications/${encodeURIComponent(id)}/reveal-phone`, body: { reason }, schema: PhoneRevealResponseSchema });
}
