import {
  CourseDetailSchema,
  CourseIdParamsSchema,
  CourseListQuerySchema,
  CourseListResponseSchema,
  EnrollResultSchema,
  EnrollmentIdParamsSchema,
  EnrollmentListQuerySchema,
  EnrollmentListResponseSchema,
  EnrollmentSchema,
} from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { TrainingService } from './training.service';

export function createTrainingRoutes(service: TrainingService): RouteGroup[] {
  const courses = routeGroup({ prefix: '/courses', tag: 'training' });
  courses.get('/', {
    auth: 'public',
    summary: '免费培训课程：按工种、培训机构、课时（补贴课程≥56课时）、线上线下、开班时间、剩余名额、免费对象、生活交通补贴筛选',
    request: { query: CourseListQuerySchema },
    response: { schema: CourseListResponseSchema },
    handler: ({ query }) => service.list(query),
  });
  courses.get('/:id', {
    auth: 'public',
    summary: '培训课程详情',
    request: { params: CourseIdParamsSchema },
    response: { schema: CourseDetailSchema },
    errors: ['NOT_FOUND'],
    handler: ({ params }) => service.get(params.id),
  });
  courses.post('/:id/enrollments', {
    summary: '报名培训：名额不会超卖；重复报名返回同一条（created=false）；名额已满 409',
    auth: { roles: ['worker'] },
    idempotency: 'optional',
    request: { params: CourseIdParamsSchema },
    response: { schema: EnrollResultSchema, status: 201 },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params }) => service.signUp(authOf(ctx), params.id),
  });

  const enrollments = routeGroup({ prefix: '/enrollments', tag: 'training' });
  enrollments.get('/', {
    summary: '我的培训：已报名 → 已确认 → 培训中 → 已结业 / 未通过（已取消）',
    auth: { roles: ['worker'] },
    request: { query: EnrollmentListQuerySchema },
    response: { schema: EnrollmentListResponseSchema },
    handler: ({ ctx, query }) => service.listMine(authOf(ctx), query),
  });
  enrollments.post('/:id/cancel', {
    summary: '取消培训报名（开班前），名额退回',
    auth: { roles: ['worker'] },
    request: { params: EnrollmentIdParamsSchema },
    response: { schema: EnrollmentSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params }) => service.cancel(authOf(ctx), params.id),
  });
  return [courses, enrollments];
}
