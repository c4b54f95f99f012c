/** Staff console calls beyond the queue and registry list: filing, admin, publishing, one person. */
import {
  AuditListSchema,
  OwnershipConflictListSchema,
  OwnershipConflictSchema,
  SignInDelayListSchema,
  SignInDelaySchema,
  ComplaintSchema,
  JobPushResultSchema,
  RegistryDetailSchema,
  StaffAccountListSchema,
  StaffAccountSchema,
  StaffCourseListSchema,
  StaffCourseSchema,
  StaffEmployerListSchema,
  StaffEmployerSchema,
  StaffJobListSchema,
  StaffJobSchema,
  type AuditQuery,
  type Complaint,
  type RegistryDetail,
  type ServiceKind,
  type StaffComplaintCreateSchema,
} from '@zhuanyi/shared';
import type { z } from 'zod';
import { http } from '@/services/http';

const at = (path: string, id: string) => `${path}/${encodeURIComponent(id)}`;

/** Files for a walk-in or caller; the key makes a repeated tap or retry file once. */
export const fileForWorker = (body: z.input<typeof StaffComplaintCreateSchema>, key: string): Promise<Complaint> =>
  http.request({ method: 'POST', path: '/intake/cases', body, schema: ComplaintSchema, idempotencyKey: key });

export type AuditFilters = Partial<Pick<AuditQuery, 'actorId' | 'action' | 'targetType' | 'targetId' | 'from' | 'to' | 'cursor'>>;
export const searchAudit = (f: AuditFilters) => http.get('/audit', AuditListSchema, { ...f, limit: 20 });

export const listAccounts = () => http.get('/staff/accounts', StaffAccountListSchema);
export const createAccount = (body: unknown) => http.request({ method: 'POST', path: '/staff/accounts', body, schema: StaffAccountSchema });
export const patchAccount = (id: string, body: unknown) => http.request({ method: 'PATCH', path: at('/staff/accounts', id), body, schema: StaffAccountSchema });

/** Admin: running sign-in delays (per account, address or known device) and clearing one (audited). */
export const listSignInDelays = () => http.get('/staff/sign-in-delays', SignInDelayListSchema);
export const clearSignInDelay = (id: string) => http.request({ method: 'DELETE', path: at('/staff/sign-in-delays', id), schema: SignInDelaySchema });

/** Staff/admin: ID numbers claimed by a second login (ID squatting), settled after checking the ID card in person. */
export const listOwnershipConflicts = () => http.get('/staff/ownership-conflicts', OwnershipConflictListSchema);
export const decideOwnershipConflict = (id: string, body: { action: 'grant' | 'refuse'; reason: string }) =>
  http.request({ method: 'POST', path: `${at('/staff/ownership-conflicts', id)}/decision`, body, schema: OwnershipConflictSchema });

export const listEmployers = () => http.get('/staff/employers', StaffEmployerListSchema);
export const createEmployer = (body: unknown) => http.request({ method: 'POST', path: '/staff/employers', body, schema: StaffEmployerSchema });
export const patchEmployer = (id: string, body: unknown) => http.request({ method: 'PATCH', path: at('/staff/employers', id), body, schema: StaffEmployerSchema });

export const listJobs = () => http.get('/staff/jobs', StaffJobListSchema);
export const createJob = (body: unknown) => http.request({ method: 'POST', path: '/staff/jobs', body, schema: StaffJobSchema });
export const patchJob = (id: string, body: unknown) => http.request({ method: 'PATCH', path: at('/staff/jobs', id), body, schema: StaffJobSchema });
export const closeJob = (id: string) => http.request({ method: 'POST', path: `${at('/staff/jobs', id)}/close`, schema: StaffJobSchema });
export const pushJob = (id: string) => http.request({ method: 'POST', path: `${at('/staff/jobs', id)}/push`, body: {}, schema: JobPushResultSchema });

export const listCourses = () => http.get('/staff/courses', StaffCourseListSchema);
export const createCourse = (body: unknown) => http.request({ method: 'POST', path: '/staff/courses', body, schema: StaffCourseSchema });
export const patchCourse = (id: string, body: unknown) => http.request({ method: 'PATCH', path: at('/staff/courses', id), body, schema: StaffCourseSchema });
export const closeCourse = (id: string) => http.request({ method: 'POST', path: `${at('/staff/courses', id)}/close`, schema: StaffCourseSchema });

export const getPerson = (id: string): Promise<RegistryDetail> => http.get(at('/registry/workers', id), RegistryDetailSchema);
export const verifyPerson = (id: string, note: string) =>
  http.request({ method: 'POST', path: `${at('/registry/workers', id)}/verify`, body: note ? { note } : {}, schema: RegistryDetailSchema });
export const addService = (id: string, body: { kind: ServiceKind; note?: string }) =>
  http.request({ method: 'POST', path: `${at('/registry/workers', id)}/services`, body, schema: RegistryDetailSchema });
