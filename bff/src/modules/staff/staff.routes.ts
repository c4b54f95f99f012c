/** Staff console routes: accounts, settings, intake, registry, publishing and reports (the watch: ../watch). */
import { z } from 'zod';
import {
  ComplaintIdParamsSchema,
  ComplaintSchema,
  ConfirmationListSchema,
  EmployerInputSchema,
  EmployerPatchSchema,
  EmploymentUpdateSchema,
  EnrollmentResultSchema,
  IdParamsSchema,
  IntakeActionSchema,
  IntakeQueueQuerySchema,
  IntakeQueueSchema,
  JobPushRequestSchema,
  JobPushResultSchema,
  IndicatorQuerySchema,
  IndicatorReportSchema,
  MonthlyReportQuerySchema,
  MonthlyReportSchema,
  NotificationRetryListSchema,
  NotificationRetryQuerySchema,
  NotificationRetryRunSchema,
  RegionParamsSchema,
  RegionSettingsPutSchema,
  RegionSettingsSchema,
  RegistryDetailSchema,
  RegistryListSchema,
  RegistryQuerySchema,
  PhoneRevealResponseSchema,
  RevealRequestSchema,
  RevealResponseSchema,
  ServiceCreateSchema,
  SignInDelayListSchema,
  SignInDelayParamsSchema,
  SignInDelaySchema,
  StaffAccountCreateSchema,
  StaffAccountListSchema,
  StaffAccountPatchSchema,
  StaffAccountSchema,
  StaffComplaintCreateSchema,
  StaffCourseInputSchema,
  StaffCourseListSchema,
  StaffCoursePatchSchema,
  StaffCourseSchema,
  StaffEmployerListSchema,
  StaffEmployerSchema,
  StaffJobInputSchema,
  StaffJobListSchema,
  StaffJobPatchSchema,
  StaffJobSchema,
  VerifyRequestSchema,
} from '@zhuanyi/shared';
import { listRetries } from '../../integrations/notify/notifier';
import { clearSignInDelay, listSignInDelays } from '../auth/sign-in-throttle';
import { authOf } from '../../http/auth';
import { NotFoundError } from '../../http/errors';
import { routeGroup, type RouteGroup } from '../../http/route';
import { LIMITS } from '../../security/abuse-limits';
import type { Clock } from '../../security/clock';
import type { AuditService } from '../audit/audit.service';
import type { IntakeService } from '../complaints/intake.service';
import type { ReportService } from '../reports/report.service';
import { indicatorReportXlsx, monthlyReportXlsx } from '../reports/report.xlsx';
import type { AccountsAdminService } from './accounts-admin.service';
import type { PublishingService } from './publishing.service';
import { saveSettings, settingsFor } from './region-settings';
import type { RegistryService } from './registry.service';
import { inScope, regionFor } from './scope';
import type { WatchService } from '../watch/watch.service';

export interface StaffRouteDeps {
  clock: Clock;
  audit: AuditService;
  accounts: AccountsAdminService;
  intake: IntakeService;
  registry: RegistryService;
  publishing: PublishingService;
  watch: WatchService;
  reports: ReportService;
}

const STAFF = { roles: ['staff', 'admin'] } as const;
const INTAKE = { roles: ['intake', 'admin'] } as const;
const XlsxSchema = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ id: 'XlsxFile', type: 'string', format: 'binary', description: 'xlsx 文件' });

export function createStaffRoutes(d: StaffRouteDeps): RouteGroup[] {
  const accounts = routeGroup({ prefix: '/staff/accounts', tag: 'staff-accounts' });
  accounts.get('/', { summary: '工作人员账号列表', auth: { roles: ['admin'] }, response: { schema: StaffAccountListSchema }, handler: () => d.accounts.list() });
  accounts.post('/', {
    summary: '新建工作人员账号（工作人员、仲裁受理员须指定县或乡镇）',
    auth: { roles: ['admin'] },
    request: { body: StaffAccountCreateSchema },
    response: { schema: StaffAccountSchema, status: 201 },
    errors: ['DUPLICATE'],
    handler: ({ ctx, body }) => d.accounts.create(authOf(ctx), body),
  });
  accounts.patch('/:id', {
    summary: '修改或停用账号（写明原因，记入审计日志）',
    auth: { roles: ['admin'] },
    request: { params: IdParamsSchema, body: StaffAccountPatchSchema },
    response: { schema: StaffAccountSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.accounts.update(authOf(ctx), params.id, body),
  });

  const settings = routeGroup({ prefix: '/staff/settings', tag: 'staff-settings' });
  settings.get('/:regionCode', {
    summary: '地区设置：绿色通道时限、简易程序和终局裁决标准、四色预警规则、年度目标',
    auth: { roles: ['staff', 'intake', 'admin'] },
    request: { params: RegionParamsSchema },
    response: { schema: RegionSettingsSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => settingsFor(regionFor(authOf(ctx), params.regionCode)),
  });
  settings.put('/:regionCode', {
    summary: '修改地区设置（管理员；改预警规则后重新计算该地区的四色预警）',
    auth: { roles: ['admin'] },
    request: { params: RegionParamsSchema, body: RegionSettingsPutSchema },
    response: { schema: RegionSettingsSchema },
    handler: async ({ ctx, params, body }) => {
      const auth = authOf(ctx);
      await saveSettings(params.regionCode, body, auth.subjectId, d.clock());
      await d.audit.record(auth, { action: 'update', targetType: 'settings', targetId: params.regionCode, regionCode: params.regionCode, reason: body.reason, detail: Object.keys(body).join(',') });
      if (body.watch && params.regionCode.length >= 6) await d.watch.recomputeRegion(params.regionCode);
      return settingsFor(params.regionCode);
    },
  });

  const intake = routeGroup({ prefix: '/intake', tag: 'intake' });
  intake.get('/queue', {
    summary: '绿色通道待办：法定时限（5日内决定受理、受理后45日内裁决）、超期和临期、集体/重点群体/大额优先',
    auth: INTAKE,
    request: { query: IntakeQueueQuerySchema },
    response: { schema: IntakeQueueSchema },
    handler: ({ ctx, query }) => d.intake.queue(authOf(ctx), query),
  });
  intake.get('/cases/:id', {
    summary: '案件详情（受理员视角：绿色通道时限、调解、移送、仲裁、裁决）',
    auth: INTAKE,
    request: { params: ComplaintIdParamsSchema },
    response: { schema: ComplaintSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => d.intake.get(authOf(ctx), params.id),
  });
  intake.post('/cases', {
    summary: '代为登记投诉（来访、来电的口头申请，记录笔录；本人之后在小程序确认）',
    auth: { roles: ['intake', 'staff', 'admin'] },
    idempotency: 'optional',
    request: { body: StaffComplaintCreateSchema },
    limits: LIMITS.staffFileComplaint,
    response: { schema: ComplaintSchema, status: 201 },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, body }) => d.intake.fileForWorker(authOf(ctx), body),
  });
  intake.post('/cases/:id/actions', {
    summary: '办理：受理/不予受理（写明理由）、调解及结果、移送劳动保障监察或法律援助、仲裁（简易程序、开庭、先予执行、裁决）、延期（记录批准人）、结案（结果和追回金额）',
    auth: INTAKE,
    request: { params: ComplaintIdParamsSchema, body: IntakeActionSchema },
    response: { schema: ComplaintSchema },
    errors: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
    handler: ({ ctx, params, body }) => d.intake.act(authOf(ctx), params.id, body),
  });
  intake.post('/cases/:id/reveal-phone', {
    summary: '查看申请人完整电话以便联系（须写明理由，记入审计日志）',
    auth: INTAKE,
    request: { params: ComplaintIdParamsSchema, body: RevealRequestSchema },
    response: { schema: PhoneRevealResponseSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.intake.revealPhone(authOf(ctx), params.id, body.reason),
  });
  intake.get('/confirmations', {
    summary: '工作人员代为登记、等待本人确认的投诉',
    auth: { roles: ['worker'] },
    response: { schema: ConfirmationListSchema },
    handler: ({ ctx }) => d.intake.confirmations(authOf(ctx)),
  });
  intake.post('/confirmations/:id', {
    summary: '本人确认工作人员代为登记的投诉',
    auth: { roles: ['worker'] },
    request: { params: ComplaintIdParamsSchema },
    response: { schema: ComplaintSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => d.intake.confirm(authOf(ctx), params.id),
  });

  const registry = routeGroup({ prefix: '/registry', tag: 'registry' });
  registry.get('/workers', {
    summary: '按地区、就业状态、重点群体、外出能力、预警颜色查找人员（身份证号、手机号打码）',
    auth: STAFF,
    request: { query: RegistryQuerySchema },
    response: { schema: RegistryListSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, query }) => d.registry.search(authOf(ctx), query),
  });
  registry.get('/workers/:id', {
    summary: '人员详情：就业情况、四色预警、一对一服务记录和服务达标情况',
    auth: STAFF,
    request: { params: IdParamsSchema },
    response: { schema: RegistryDetailSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => d.registry.detail(authOf(ctx), params.id),
  });
  registry.post('/workers/:id/reveal', {
    summary: '查看完整身份证号和手机号（须写明原因，记入审计日志）',
    auth: STAFF,
    request: { params: IdParamsSchema, body: RevealRequestSchema },
    response: { schema: RevealResponseSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.registry.reveal(authOf(ctx), params.id, body.reason),
  });
  registry.post('/workers/:id/verify', {
    summary: '核实登记信息',
    auth: STAFF,
    request: { params: IdParamsSchema, body: VerifyRequestSchema },
    response: { schema: RegistryDetailSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.registry.verify(authOf(ctx), params.id, body.note),
  });
  registry.put('/workers/:id/employment', {
    summary: '更新就业情况（上岗、离岗、公益性岗位到期、收入），四色预警随之重新计算',
    auth: STAFF,
    request: { params: IdParamsSchema, body: EmploymentUpdateSchema },
    response: { schema: RegistryDetailSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.registry.updateEmployment(authOf(ctx), params.id, body),
  });
  registry.post('/workers/:id/services', {
    summary: '记录一对一服务（职业指导、岗位信息、岗位推荐、培训推荐）',
    auth: STAFF,
    request: { params: IdParamsSchema, body: ServiceCreateSchema },
    response: { schema: RegistryDetailSchema, status: 201 },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.registry.addService(authOf(ctx), params.id, body),
  });

  const pub = routeGroup({ prefix: '/staff', tag: 'publishing' });
  pub.get('/employers', { summary: '用工单位列表（本地区）', auth: STAFF, response: { schema: StaffEmployerListSchema }, handler: ({ ctx }) => d.publishing.listEmployers(authOf(ctx)) });
  pub.post('/employers', {
    summary: '新增用工单位（统一社会信用代码校验）',
    auth: STAFF,
    request: { body: EmployerInputSchema },
    response: { schema: StaffEmployerSchema, status: 201 },
    errors: ['DUPLICATE', 'NOT_FOUND'],
    handler: ({ ctx, body }) => d.publishing.createEmployer(authOf(ctx), body),
  });
  pub.patch('/employers/:id', {
    summary: '修改用工单位（含核验标记）',
    auth: STAFF,
    request: { params: IdParamsSchema, body: EmployerPatchSchema },
    response: { schema: StaffEmployerSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.publishing.updateEmployer(authOf(ctx), params.id, body),
  });
  pub.get('/jobs', { summary: '本地区岗位', auth: STAFF, response: { schema: StaffJobListSchema }, handler: ({ ctx }) => d.publishing.listJobs(authOf(ctx)) });
  pub.post('/jobs', {
    summary: '发布岗位',
    auth: STAFF,
    request: { body: StaffJobInputSchema },
    response: { schema: StaffJobSchema, status: 201 },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, body }) => d.publishing.createJob(authOf(ctx), body),
  });
  pub.patch('/jobs/:id', {
    summary: '修改岗位',
    auth: STAFF,
    request: { params: IdParamsSchema, body: StaffJobPatchSchema },
    response: { schema: StaffJobSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.publishing.updateJob(authOf(ctx), params.id, body),
  });
  pub.post('/jobs/:id/close', {
    summary: '下架岗位',
    auth: STAFF,
    request: { params: IdParamsSchema },
    response: { schema: StaffJobSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => d.publishing.closeJob(authOf(ctx), params.id),
  });
  pub.post('/jobs/:id/push', {
    summary: '把岗位推送给本地区合适的人（想就业、工种对口、能去得了），每人记一次岗位推荐服务',
    auth: STAFF,
    request: { params: IdParamsSchema, body: JobPushRequestSchema },
    response: { schema: JobPushResultSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.publishing.pushJob(authOf(ctx), params.id, body),
  });
  pub.get('/courses', { summary: '本地区培训课程', auth: STAFF, response: { schema: StaffCourseListSchema }, handler: ({ ctx }) => d.publishing.listCourses(authOf(ctx)) });
  pub.post('/courses', {
    summary: '发布培训课程（可标记订单式培训）',
    auth: STAFF,
    request: { body: StaffCourseInputSchema },
    response: { schema: StaffCourseSchema, status: 201 },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, body }) => d.publishing.createCourse(authOf(ctx), body),
  });
  pub.patch('/courses/:id', {
    summary: '修改培训课程',
    auth: STAFF,
    request: { params: IdParamsSchema, body: StaffCoursePatchSchema },
    response: { schema: StaffCourseSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.publishing.updateCourse(authOf(ctx), params.id, body),
  });
  pub.post('/courses/:id/close', {
    summary: '结束课程报名',
    auth: STAFF,
    request: { params: IdParamsSchema },
    response: { schema: StaffCourseSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => d.publishing.closeCourse(authOf(ctx), params.id),
  });
  pub.post('/courses/:id/results', {
    summary: '登记结业考核结果（合格/不合格）',
    auth: STAFF,
    request: { params: IdParamsSchema, body: EnrollmentResultSchema },
    response: { schema: StaffCourseSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params, body }) => d.publishing.recordResult(authOf(ctx), params.id, body.enrollmentId, body.result),
  });

  const reports = routeGroup({ prefix: '/reports', tag: 'reports' });
  reports.get('/monthly', {
    summary: '月报：转移就业、实名登记、培训、欠薪投诉，对照年度目标',
    auth: STAFF,
    request: { query: MonthlyReportQuerySchema },
    response: { schema: MonthlyReportSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, query }) => d.reports.monthly(regionFor(authOf(ctx), query.regionCode), query.month),
  });
  reports.get('/monthly.xlsx', {
    summary: '月报导出 Excel',
    auth: STAFF,
    request: { query: MonthlyReportQuerySchema },
    response: { schema: XlsxSchema },
    errors: ['NOT_FOUND'],
    handler: async ({ ctx, query }) => {
      const auth = authOf(ctx);
      const region = regionFor(auth, query.regionCode);
      if (!inScope(auth, region)) throw new NotFoundError();
      const report = await d.reports.monthly(region, query.month);
      await d.audit.record(auth, { action: 'export', targetType: 'report', targetId: `${region}:${query.month}`, regionCode: region });
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.attachment(`monthly-${region}-${query.month}.xlsx`);
      return monthlyReportXlsx(report);
    },
  });

  reports.get('/indicators', {
    summary: '指标报表：按周、月、季度，各项指标对照目标并附口径说明，分乡镇、村（每人只计一次）',
    auth: STAFF,
    request: { query: IndicatorQuerySchema },
    response: { schema: IndicatorReportSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, query }) => d.reports.indicatorReport(regionFor(authOf(ctx), query.regionCode), query.period, query.on),
  });
  reports.get('/indicators.xlsx', {
    summary: '指标报表导出 Excel（含口径说明）',
    auth: STAFF,
    request: { query: IndicatorQuerySchema },
    response: { schema: XlsxSchema },
    errors: ['NOT_FOUND'],
    handler: async ({ ctx, query }) => {
      const auth = authOf(ctx);
      const region = regionFor(auth, query.regionCode);
      const report = await d.reports.indicatorReport(region, query.period, query.on);
      await d.audit.record(auth, { action: 'export', targetType: 'report', targetId: `${region}:${query.period}:${report.from}`, regionCode: region });
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.attachment(`indicators-${region}-${query.period}-${report.from}.xlsx`);
      return indicatorReportXlsx(report);
    },
  });

  const notices = routeGroup({ prefix: '/staff/notifications', tag: 'staff-notifications' });
  notices.get('/', {
    summary: '没有送达的案件通知（微信订阅消息和短信都失败，等待重试或已放弃）',
    auth: { roles: ['admin'] },
    request: { query: NotificationRetryQuerySchema },
    response: { schema: NotificationRetryListSchema },
    handler: ({ query }) => listRetries(query),
  });
  notices.post('/retry', {
    summary: '立即重试所有等待重试的案件通知',
    auth: { roles: ['admin'] },
    response: { schema: NotificationRetryRunSchema },
    handler: async ({ ctx }) => {
      const run = await d.intake.retryNotifications({ all: true });
      await d.audit.record(authOf(ctx), { action: 'update', targetType: 'notifications', detail: `retry ${run.tried}/${run.delivered}` });
      return run;
    },
  });

  const delays = routeGroup({ prefix: '/staff/sign-in-delays', tag: 'staff-accounts' });
  delays.get('/', {
    summary: '密码登录延时（按账号、地址或常用设备；输错越多等得越久）',
    auth: { roles: ['admin'] },
    response: { schema: SignInDelayListSchema },
    handler: async () => ({ items: await listSignInDelays(d.clock()) }),
  });
  delays.delete('/:id', {
    summary: '解除一条登录延时（记入审计日志）',
    auth: { roles: ['admin'] },
    request: { params: SignInDelayParamsSchema },
    response: { schema: SignInDelaySchema },
    errors: ['NOT_FOUND'],
    handler: async ({ ctx, params }) => {
      const cleared = await clearSignInDelay(params.id, d.clock());
      if (!cleared) throw new NotFoundError();
      await d.audit.record(authOf(ctx), { action: 'update', targetType: 'signInDelay', targetId: null, detail: `cleared ${cleared.kind} ${cleared.label}` });
      return cleared;
    },
  });

  return [accounts, settings, intake, registry, pub, reports, notices, delays];
}
