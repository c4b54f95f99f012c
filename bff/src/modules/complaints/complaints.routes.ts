import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  ComplaintCreateSchema,
  ComplaintDecisionSchema,
  ComplaintEvidenceParamsSchema,
  ComplaintIdParamsSchema,
  ComplaintListQuerySchema,
  ComplaintListResponseSchema,
  ComplaintSchema,
  ComplaintSupplementSchema,
} from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import { LIMITS } from '../../security/abuse-limits';
import type { ComplaintsService } from './complaints.service';

/** The evidence file itself (image or PDF bytes). */
const EvidenceBytesSchema = z
  .custom<Readable>((v) => v instanceof Readable)
  .meta({ id: 'EvidenceBytes', type: 'string', format: 'binary', description: '证据文件（图片或PDF）' });

export function createComplaintRoutes(service: ComplaintsService): RouteGroup {
  const routes = routeGroup({ prefix: '/complaints', tag: 'complaints' });

  routes.post('/', {
    summary: '提交欠薪投诉（容缺受理：缺少的材料列在 missingItems 里，不影响受理）',
    auth: { roles: ['worker'] },
    idempotency: 'required',
    request: { body: ComplaintCreateSchema },
    limits: LIMITS.fileComplaint,
    response: { schema: ComplaintSchema, status: 201 },
    handler: ({ ctx, body }) => service.file(authOf(ctx), body),
  });

  routes.get('/', {
    summary: '投诉列表：务工人员看自己的投诉，仲裁受理员看本辖区的投诉',
    auth: { roles: ['worker', 'intake'] },
    request: { query: ComplaintListQuerySchema },
    response: { schema: ComplaintListResponseSchema },
    handler: ({ ctx, query }) => service.list(authOf(ctx), query),
  });

  routes.get('/:id', {
    summary: '投诉详情：进度、法定时限、缺少的材料',
    auth: { roles: ['worker', 'intake'] },
    request: { params: ComplaintIdParamsSchema },
    response: { schema: ComplaintSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, params }) => service.get(authOf(ctx), params.id),
  });

  routes.post('/:id/evidence', {
    summary: '上传证据（multipart/form-data，字段名 files；照片或PDF，最多9个，每个不超过10MB，按内容识别类型）',
    auth: { roles: ['worker'] },
    // One key per file: a phone retrying after a dropped answer gets the first answer, the file is stored once.
    idempotency: 'optional',
    request: { params: ComplaintIdParamsSchema },
    limits: LIMITS.upload,
    response: { schema: ComplaintSchema, status: 201 },
    errors: ['NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
    handler: ({ ctx, params }) => service.addEvidence(authOf(ctx), params.id, ctx.req),
  });

  routes.post('/:id/supplements', {
    summary: '补充缺少的材料（容缺）：老板电话、工程名称、干活地点、总包、起止时间、欠薪金额、银行卡；每次补充记入办理进度',
    auth: { roles: ['worker'] },
    // A retry with the same key answers the first result: the item is added once.
    idempotency: 'required',
    request: { params: ComplaintIdParamsSchema, body: ComplaintSupplementSchema },
    response: { schema: ComplaintSchema, status: 201 },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => service.supplement(authOf(ctx), params.id, body),
  });

  routes.get('/:id/evidence/:fileId', {
    summary: '查看证据文件（仅投诉人和本辖区仲裁受理员）',
    auth: { roles: ['worker', 'intake'] },
    request: { params: ComplaintEvidenceParamsSchema },
    response: { schema: EvidenceBytesSchema },
    errors: ['NOT_FOUND'],
    handler: async ({ ctx, params }) => {
      const file = await service.openEvidence(authOf(ctx), params.id, params.fileId);
      ctx.type = file.contentType;
      ctx.length = file.size;
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.attachment(file.filename, { type: 'inline' });
      return file.stream;
    },
  });

  routes.post('/:id/decisions', {
    summary: '仲裁受理员处理投诉：受理、不予受理（写明理由）、调解、仲裁、延长仲裁期限（一次，最多15天）、结案',
    auth: { roles: ['intake'] },
    request: { params: ComplaintIdParamsSchema, body: ComplaintDecisionSchema },
    response: { schema: ComplaintSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => service.decide(authOf(ctx), params.id, body),
  });

  return routes;
}
