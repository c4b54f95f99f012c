/** Staff routes moving applications and course sign-ups forward (county-scoped, audited, worker told). */
import {
  ApplicationIdParamsSchema,
  ApplicationMoveSchema,
  PhoneRevealResponseSchema,
  RevealRequestSchema,
  EnrollmentIdParamsSchema,
  EnrollmentMoveSchema,
  StaffApplicationListQuerySchema,
  StaffApplicationListSchema,
  StaffApplicationSchema,
  StaffEnrollmentListQuerySchema,
  StaffEnrollmentListSchema,
  StaffEnrollmentSchema,
} from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import type { AuditService } from '../audit/audit.service';
import type { Notifier } from '../../integrations/notify/notifier';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import type { SubsidyService } from '../subsidies/subsidies.service';
import { EnrollmentProgressService } from '../training/enrollment-progress.service';
import { ApplicationProgressService } from './application-progress.service';
import { workerNotifier } from './worker-notice';

const STAFF = { roles: ['staff', 'admin'] } as const;

export function createProgressRoutes(deps: { clock: Clock; crypto: FieldCrypto; audit: AuditService; notifier: Notifier; subsidies?: SubsidyService }): RouteGroup[] {
  const progress = { clock: deps.clock, crypto: deps.crypto, audit: deps.audit, notify: workerNotifier(deps) };
  const applications = new ApplicationProgressService(progress);
  const subsidies = deps.subsidies;
  // A completed course may earn the worker a training allowance (培训期间生活费补贴).
  const enrollments = new EnrollmentProgressService(progress, subsidies ? (e, course) => subsidies.syncTraining(e, course, deps.crypto) : undefined);

  const a = routeGroup({ prefix: '/staff/applications', tag: 'staff-progress' });
  a.get('/', {
    summary: '本地区岗位的报名（可按岗位、状态筛选）',
    auth: STAFF,
    request: { query: StaffApplicationListQuerySchema },
    response: { schema: StaffApplicationListSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, query }) => applications.list(authOf(ctx), query),
  });
  a.post('/:id/status', {
    summary: '推进岗位报名：已联系 / 已录用 / 未录用（记入审计日志，通知本人）',
    auth: STAFF,
    idempotency: 'optional',
    request: { params: ApplicationIdParamsSchema, body: ApplicationMoveSchema },
    response: { schema: StaffApplicationSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => applications.move(authOf(ctx), params.id, body),
  });
  a.post('/:id/reveal-phone', {
    summary: '查看报名人完整电话以便联系（须写明理由，记入审计日志）',
    auth: STAFF,
    request: { params: ApplicationIdParamsSchema, body: RevealRequestSchema },
    response: { schema: PhoneRevealResponseSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => applications.revealPhone(authOf(ctx), params.id, body.reason),
  });

  const e = routeGroup({ prefix: '/staff/enrollments', tag: 'staff-progress' });
  e.get('/', {
    summary: '本地区培训课程的报名（可按课程、状态筛选）',
    auth: STAFF,
    request: { query: StaffEnrollmentListQuerySchema },
    response: { schema: StaffEnrollmentListSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, query }) => enrollments.list(authOf(ctx), query),
  });
  e.post('/:id/status', {
    summary: '推进培训报名：已确认 → 培训中 → 已结业 / 未通过（记入审计日志，通知本人）',
    auth: STAFF,
    idempotency: 'optional',
    request: { params: EnrollmentIdParamsSchema, body: EnrollmentMoveSchema },
    response: { schema: StaffEnrollmentSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => enrollments.move(authOf(ctx), params.id, body),
  });
  return [a, e];
}
