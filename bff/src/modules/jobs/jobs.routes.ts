import { JobDetailSchema, JobIdParamsSchema, JobListQuerySchema, JobListResponseSchema } from '@zhuanyi/shared';
import { routeGroup } from '../../http/route';
import { getJob, listJobs } from './jobs.service';

export const jobRoutes = routeGroup({ prefix: '/jobs', tag: 'jobs' });

jobRoutes.get('/', {
  summary: '岗位列表：按关键词、工种、地区、工资、包吃住、接送方式、公益性岗位筛选，游标翻页',
  request: { query: JobListQuerySchema },
  response: { schema: JobListResponseSchema },
  handler: ({ query }) => listJobs(query),
});

jobRoutes.get('/:id', {
  summary: '岗位详情',
  request: { params: JobIdParamsSchema },
  response: { schema: JobDetailSchema },
  errors: ['NOT_FOUND'],
  handler: ({ params }) => getJob(params.id),
});
