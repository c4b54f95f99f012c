import {
  CourseDetailSchema,
  CourseListResponseSchema,
  EnrollResultSchema,
  EnrollmentListResponseSchema,
  EnrollmentSchema,
  type CourseDetail,
  type CourseListResponse,
  type EnrollResult,
  type Enrollment,
  type EnrollmentListResponse,
} from '@zhuanyi/shared';
import { createIdempotencyKey, http } from '@/services/http';

export function getCourses(query: { trade?: string; cursor?: string } = {}): Promise<CourseListResponse> {
  return http.get('/courses', CourseListResponseSchema, { trade: query.trade, cursor: query.cursor, limit: 20 });
}

export function getCourse(id: string): Promise<CourseDetail> {
  return http.get(`/courses/${encodeURIComponent(id)}`, CourseDetailSchema);
}

/** POST /courses/:id/enrollments: a repeat answers the same enrollment (created=false). */
export function enroll(courseId: string, idempotencyKey: string = createIdempotencyKey()): Promise<EnrollResult> {
  return http.request({ method: 'POST', path: `/courses/${encodeURIComponent(courseId)}/enrollments`, schema: EnrollResultSchema, idempotencyKey });
}

export function getMyEnrollments(): Promise<EnrollmentListResponse> {
  return http.get('/enrollments', EnrollmentListResponseSchema, { limit: 50 });
}

export function cancelEnrollment(id: string): Promise<Enrollment> {
  return http.request({ method: 'POST', path: `/enrollments/${encodeURIComponent(id)}/cancel`, schema: EnrollmentSchema });
}
