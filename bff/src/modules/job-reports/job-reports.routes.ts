/** Job reports: the worker's own list, and the staff queue of the job's county with its actions. */
import { JobReportActionSchema, JobReportIdParamsSchema, JobReportListSchema, StaffJobReportListSchema, StaffJobReportQuerySchema, StaffJobReportSchema } from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { JobReportsService } from './job-reports.service';

export function createJobReportRoutes(service: JobReportsService): RouteGroup[] {
  const mine = routeGroup({ prefix: '/job-reports', tag: 'jobs' });
  mine.get('/mine', {
    summary: '我的举报：举报过的岗位和处理结果',
    auth: { roles: ['worker'] },
    response: { schema: JobReportListSchema },
    handler: ({ ctx }) => service.mine(authOf(ctx)),
  });

  const staff = routeGroup({ prefix: '/staff/job-reports', tag: 'publishing' });
  staff.get('/', {
    summary: '岗位举报待办：本辖区岗位（按岗位所在地，不按举报人户籍）收到的举报',
    auth: { roles: ['staff', 'admin'] },
    request: { query: StaffJobReportQuerySchema },
    response: { schema: StaffJobReportListSchema },
    handler: ({ ctx, query }) => service.queue(authOf(ctx), query),
  });
  staff.post('/:id/actions', {
    summary: '处理举报：下架岗位、警告招聘单位、不予处理（写明理由）；留痕并通知举报人',
    auth: { roles: ['staff', 'admin'] },
    request: { params: JobReportIdParamsSchema, body: JobReportActionSchema },
    response: { schema: StaffJobReportSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => service.act(authOf(ctx), params.id, body),
  });
  return [mine, staff];
}
