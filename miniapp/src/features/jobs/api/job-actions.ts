import {
  ApplicationListResponseSchema,
  ApplyResultSchema,
  JobApplicationSchema,
  JobDetailSchema,
  JobFitSchema,
  JobReportSchema,
  RecommendedJobsResponseSchema,
  type ApplicationListResponse,
  type ApplyResult,
  type JobApplication,
  type FitWarning,
  type JobDetail,
  type JobReport,
  type JobReportCreate,
  type RecommendedJob,
} from '@zhuanyi/shared';
import { createIdempotencyKey, http } from '@/services/http';

export function getJob(id: string): Promise<JobDetail> {
  return http.get(`/jobs/${encodeURIComponent(id)}`, JobDetailSchema);
}

/** GET /jobs/:id/fit: for a registered worker, why the job's age range or required certificate may exclude them. */
export async function getJobFit(id: string): Promise<FitWarning[]> {
  return (await http.get(`/jobs/${encodeURIComponent(id)}/fit`, JobFitSchema)).warnings;
}

/** GET /jobs/recommended: at least 3 jobs ranked for the signed-in worker. */
export async function getRecommendedJobs(limit = 5): Promise<RecommendedJob[]> {
  return (await http.get('/jobs/recommended', RecommendedJobsResponseSchema, { limit })).items;
}

/** POST /jobs/:id/applications: once per job; a repeat answers the same application. */
export function applyToJob(id: string, idempotencyKey: string = createIdempotencyKey()): Promise<ApplyResult> {
  return http.request({ method: 'POST', path: `/jobs/${encodeURIComponent(id)}/applications`, schema: ApplyResultSchema, idempotencyKey });
}

export function reportJob(id: string, report: JobReportCreate): Promise<JobReport> {
  return http.request({
    method: 'POST',
    path: `/jobs/${encodeURIComponent(id)}/reports`,
    body: report,
    schema: JobReportSchema,
    idempotencyKey: createIdempotencyKey(),
  });
}

export function getMyApplications(cursor?: string): Promise<ApplicationListResponse> {
  return http.get('/applications', ApplicationListResponseSchema, { cursor, limit: 20 });
}

export function withdrawApplication(id: string): Promise<JobApplication> {
  return http.request({ method: 'POST', path: `/applications/${encodeURIComponent(id)}/withdraw`, schema: JobApplicationSchema });
}
