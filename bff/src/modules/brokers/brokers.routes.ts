import { z } from 'zod';
import {
  BrokerApplicationInputSchema,
  BrokerDecisionSchema,
  BrokerHomeSchema,
  BrokerIdParamsSchema,
  BrokerImportListSchema,
  BrokerImportSchema,
  BrokerListQuerySchema,
  BrokerListSchema,
  BrokerPeopleQuerySchema,
  BrokerPeopleSchema,
  BrokerPersonSchema,
  BrokerProfileSchema,
  EnrolPersonInputSchema,
  EntitlementIdParamsSchema,
  EntitlementListQuerySchema,
  EntitlementListSchema,
  EntitlementSchema,
  ImportIdParamsSchema,
  ImportTemplateQuerySchema,
  StaffTeamListQuerySchema,
  StageConfirmInputSchema,
  StageInputSchema,
  TeamCreateInputSchema,
  TeamIdParamsSchema,
  TeamListSchema,
  TeamMembersInputSchema,
  TeamSchema,
  TeamStageParamsSchema,
  WorkerIdParamsSchema,
  WorkerRegistrationResultSchema,
} from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import { LIMITS } from '../../security/abuse-limits';
import type { SubsidyService } from '../subsidies/subsidies.service';
import type { BrokerService } from './brokers.service';
import type { ImportService } from './imports.service';
import { buildTemplate } from './spreadsheet';
import type { TeamService } from './teams.service';

/** A spreadsheet file (xlsx or csv bytes). */
export const SpreadsheetBytesSchema = z
  .custom<Buffer>((v) => Buffer.isBuffer(v))
  .meta({ id: 'SpreadsheetBytes', type: 'string', format: 'binary', description: '表格文件（xlsx 或 csv）' });

export function createBrokerRoutes(s: { brokers: BrokerService; imports: ImportService; teams: TeamService; subsidies: SubsidyService }): RouteGroup {
  const routes = routeGroup({ prefix: '/brokers', tag: 'brokers' });
  const { brokers, imports, teams, subsidies } = s;

  // ---- Becoming a broker ----
  routes.post('/applications', {
    summary: '申请成为劳务经纪人（身份证号、手机号、所在村、服务区域、经历、登录用户名和密码）',
    auth: { roles: ['worker'] },
    idempotency: 'optional',
    request: { body: BrokerApplicationInputSchema },
    limits: LIMITS.brokerApplication,
    response: { schema: BrokerProfileSchema, status: 201 },
    errors: ['CONFLICT'],
    handler: ({ ctx, body }) => brokers.apply(authOf(ctx), body),
  });
  routes.get('/applications/me', {
    summary: '我的经纪人申请及审核进度',
    auth: { roles: ['worker'] },
    response: { schema: BrokerProfileSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx }) => brokers.myApplication(authOf(ctx)),
  });
  routes.get('/', {
    summary: '本地区的经纪人及申请（工作人员）',
    auth: { roles: ['staff', 'admin'] },
    request: { query: BrokerListQuerySchema },
    response: { schema: BrokerListSchema },
    handler: ({ ctx, query }) => brokers.list(authOf(ctx), query),
  });

  // ---- The broker's own pages (/brokers/me/...) ----
  routes.get('/me/home', {
    summary: '经纪人首页：我的人员、联队、补贴合计、每月到岗人数',
    auth: { roles: ['broker'] },
    response: { schema: BrokerHomeSchema },
    handler: ({ ctx }) => brokers.home(authOf(ctx)),
  });
  routes.get('/me/people', {
    summary: '我登记的人员（身份证号、手机号打码）',
    auth: { roles: ['broker'] },
    request: { query: BrokerPeopleQuerySchema },
    response: { schema: BrokerPeopleSchema },
    handler: ({ ctx, query }) => brokers.people(authOf(ctx), query),
  });
  routes.post('/me/people', {
    summary: '经本人同意，代为登记一个人（用实名登记表；已有登记则更新）',
    auth: { roles: ['broker'] },
    idempotency: 'required',
    request: { body: EnrolPersonInputSchema },
    response: { schema: WorkerRegistrationResultSchema },
    errors: ['FORBIDDEN', 'CONFLICT'],
    handler: ({ ctx, body }) => brokers.enrol(authOf(ctx), body),
  });
  routes.get('/me/people/:id', {
    summary: '我登记的一个人（不是本人登记的一律 404）',
    auth: { roles: ['broker'] },
    request: { params: WorkerIdParamsSchema },
    response: { schema: BrokerPersonSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => brokers.person(authOf(ctx), params.id),
  });

  routes.get('/me/imports/template', {
    summary: '下载批量登记模板（xlsx 或 csv）',
    auth: { roles: ['broker'] },
    request: { query: ImportTemplateQuerySchema },
    response: { schema: SpreadsheetBytesSchema },
    handler: async ({ ctx, query }) => {
      ctx.type = query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.attachment(`人员批量登记模板.${query.format}`);
      return buildTemplate(query.format);
    },
  });
  routes.post('/me/imports', {
    summary: '上传表格批量登记（multipart/form-data，字段名 file；xlsx 或 csv，最多1000行，5MB）；在服务器上处理，轮询结果',
    description: '同一个文件再次上传，返回第一次的导入（repeated = true），不会重复登记。',
    auth: { roles: ['broker'] },
    limits: LIMITS.upload,
    response: { schema: BrokerImportSchema, status: 202 },
    errors: ['FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
    handler: ({ ctx }) => imports.upload(authOf(ctx), ctx.req),
  });
  routes.get('/me/imports', {
    summary: '我最近的批量登记',
    auth: { roles: ['broker'] },
    response: { schema: BrokerImportListSchema },
    handler: async ({ ctx }) => ({ items: await imports.list(authOf(ctx)) }),
  });
  routes.get('/me/imports/:id', {
    summary: '一次批量登记的进度和逐行结果（新登记、已更新、未导入及原因）',
    auth: { roles: ['broker'] },
    request: { params: ImportIdParamsSchema },
    response: { schema: BrokerImportSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => imports.get(authOf(ctx), params.id),
  });

  // ---- Teams ----
  routes.get('/me/teams', {
    summary: '我的务工联队',
    auth: { roles: ['broker'] },
    response: { schema: TeamListSchema },
    handler: async ({ ctx }) => ({ items: await teams.list(authOf(ctx)) }),
  });
  routes.post('/me/teams', {
    summary: '为一个岗位组建务工联队（成员须是本人登记的人员）',
    auth: { roles: ['broker'] },
    idempotency: 'optional',
    request: { body: TeamCreateInputSchema },
    response: { schema: TeamSchema, status: 201 },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: ({ ctx, body }) => teams.create(authOf(ctx), body),
  });
  routes.get('/me/teams/:id', {
    summary: '一个联队：成员和进度',
    auth: { roles: ['broker'] },
    request: { params: TeamIdParamsSchema },
    response: { schema: TeamSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => teams.get(authOf(ctx), params.id),
  });
  routes.post('/me/teams/:id/members', {
    summary: '加入联队成员',
    auth: { roles: ['broker'] },
    request: { params: TeamIdParamsSchema, body: TeamMembersInputSchema },
    response: { schema: TeamSchema },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: ({ ctx, params, body }) => teams.addMembers(authOf(ctx), params.id, body.workerIds),
  });
  routes.post('/me/teams/:id/application', {
    summary: '提交联队报名',
    auth: { roles: ['broker'] },
    request: { params: TeamIdParamsSchema },
    response: { schema: TeamSchema },
    errors: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
    handler: ({ ctx, params }) => teams.apply(authOf(ctx), params.id),
  });
  routes.post('/me/teams/:id/stages', {
    summary: '记录进度：录用、出发（组织方式）、到岗、企业缴纳社保、稳定就业、离职',
    auth: { roles: ['broker'] },
    idempotency: 'optional',
    request: { params: TeamIdParamsSchema, body: StageInputSchema },
    response: { schema: TeamSchema, status: 201 },
    errors: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
    handler: ({ ctx, params, body }) => teams.recordStage(authOf(ctx), params.id, body),
  });

  // ---- Subsidies (the broker's) ----
  routes.get('/me/subsidies', {
    summary: '我的补贴：未到期、可申领、已申领、已审核、已发放（金额为分）',
    auth: { roles: ['broker'] },
    request: { query: EntitlementListQuerySchema },
    response: { schema: EntitlementListSchema },
    handler: ({ ctx, query }) => subsidies.list({ brokerId: authOf(ctx).subjectId }, query),
  });
  routes.post('/me/subsidies/:id/claim', {
    summary: '申领一笔已到期的补贴（同一笔只能申领一次）',
    auth: { roles: ['broker'] },
    request: { params: EntitlementIdParamsSchema },
    response: { schema: EntitlementSchema },
    errors: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
    handler: ({ ctx, params }) => subsidies.claim(authOf(ctx), params.id),
  });

  // ---- Staff: teams' stages ----
  routes.get('/teams', {
    summary: '本地区的务工联队（工作人员确认进度用）',
    auth: { roles: ['staff', 'admin'] },
    request: { query: StaffTeamListQuerySchema },
    response: { schema: TeamListSchema },
    handler: async ({ ctx, query }) => ({ items: await teams.listForStaff(authOf(ctx), query.unconfirmed) }),
  });
  routes.post('/teams/:id/stages/:stageId/confirmation', {
    summary: '工作人员确认一条进度（确认后计算补贴）',
    auth: { roles: ['staff', 'admin'] },
    request: { params: TeamStageParamsSchema, body: StageConfirmInputSchema },
    response: { schema: TeamSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => teams.confirmStage(authOf(ctx), params.id, params.stageId, body.note),
  });

  // ---- Staff: one broker ----
  routes.get('/:id', {
    summary: '一个经纪人的资料和认定记录（工作人员，限本地区）',
    auth: { roles: ['staff', 'admin'] },
    request: { params: BrokerIdParamsSchema },
    response: { schema: BrokerProfileSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => brokers.get(authOf(ctx), params.id),
  });
  routes.post('/:id/decisions', {
    summary: '认定、不予认定、暂停或取消经纪人资格（须写明理由，留审计记录）',
    auth: { roles: ['staff', 'admin'] },
    request: { params: BrokerIdParamsSchema, body: BrokerDecisionSchema },
    response: { schema: BrokerProfileSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => brokers.decide(authOf(ctx), params.id, body),
  });

  return routes;
}
