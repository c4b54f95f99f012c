import {
  ApplyResultSchema,
  JobDetailSchema,
  JobFitSchema,
  JobIdParamsSchema,
  JobListQuerySchema,
  JobListResponseSchema,
  JobReportCreateSchema,
  JobReportSchema,
  RecommendedJobsQuerySchema,
  RecommendedJobsResponseSchema,
} from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { Clock } from '../../security/clock';
import type { ApplicationsService } from '../applications/applications.service';
import type { JobReportsService } from '../job-reports/job-reports.service';
import { getJob, listJobs } from './jobs.service';
import type { JobSearchCache } from './job-search-cache';
import { EMPTY_PROFILE, recommendJobs, type WorkerProfileSource } from './recommendations';
import { fitWarningsFor } from './worker-profile';

export interface JobRoutesDeps {
  clock: Clock;
  applications: ApplicationsService;
  /** Reports go to the job's county queue (job-reports). */
  reports: Pick<JobReportsService, 'file'>;
  profiles: WorkerProfileSource;
  /** Public search results cache (off when absent). */
  searchCache?: JobSearchCache;
}

export function createJobRoutes(deps: JobRoutesDeps): RouteGroup {
  const jobRoutes = routeGroup({ prefix: '/jobs', tag: 'jobs' });

  jobRoutes.get('/', {
    auth: 'public',
    summary: '岗位列表：按关键词（中文分词无关，“电焊”能搜到“招聘熟练电焊工”）、工种、地区、工资、包吃住、接送方式、公益性岗位筛选，游标翻页',
    request: { query: JobListQuerySchema },
    // Cached pages come back as the same object, checked once.
    response: { schema: JobListResponseSchema, reusesResults: true },
    handler: ({ query }) => listJobs(query, deps.clock(), deps.searchCache),
  });

  // Before /:id, which would take "recommended" as an id.
  jobRoutes.get('/recommended', {
    summary: '为你推荐：按求职意向工种、外出意愿和户籍地排序，至少3个岗位',
    auth: { roles: ['worker'] },
    request: { query: RecommendedJobsQuerySchema },
    response: { schema: RecommendedJobsResponseSchema },
    handler: async ({ ctx, query }) => {
      const profile = (await deps.profiles.jobProfileOf(authOf(ctx))) ?? EMPTY_PROFILE;
      return { items: await recommendJobs(profile, deps.clock(), query.limit) };
    },
  });

  jobRoutes.get('/:id', {
    auth: 'public',
    summary: '岗位详情（含用工单位是否认证、工时、食宿、交通、联系人，以及“不得收取任何费用”提示）',
    request: { params: JobIdParamsSchema },
    response: { schema: JobDetailSchema },
    errors: ['NOT_FOUND'],
    handler: ({ params }) => getJob(params.id),
  });

  jobRoutes.get('/:id/fit', {
    summary: '报名前提示：岗位的年龄范围或持证要求不符合本人登记信息时，给出通俗的提醒（未登记时为空）',
    auth: { roles: ['worker'] },
    request: { params: JobIdParamsSchema },
    response: { schema: JobFitSchema },
    errors: ['NOT_FOUND'],
    handler: async ({ ctx, params }) => ({ warnings: await fitWarningsFor(authOf(ctx), await getJob(params.id), deps.clock()) }),
  });

  jobRoutes.post('/:id/applications', {
    summary: '报名岗位：每个岗位只报名一次，重复提交返回同一条报名（created=false）',
    auth: { roles: ['worker'] },
    idempotency: 'optional',
    request: { params: JobIdParamsSchema },
    response: { schema: ApplyResultSchema, status: 201 },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => deps.applications.apply(authOf(ctx), params.id),
  });

  jobRoutes.post('/:id/reports', {
    summary: '举报岗位（收费、虚假信息、欠薪等）：送到岗位所在旗县的工作人员处理，处理结果会通知举报人；每人每天最多5次',
    auth: { roles: ['worker'] },
    idempotency: 'optional',
    request: { params: JobIdParamsSchema, body: JobReportCreateSchema },
    response: { schema: JobReportSchema, status: 201 },
    errors: ['NOT_FOUND', 'RATE_LIMITED'],
    handler: ({ ctx, params, body }) => deps.reports.file(authOf(ctx), params.id, body),
  });

  return jobRoutes;
}
