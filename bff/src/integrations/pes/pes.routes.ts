/** /api/v1/pes: the connector's status for admins and region staff; outbox, dead letters, rejects and imports for admins. */
import { Transform } from 'node:stream';
import {
  PesIdParamsSchema,
  PesImportQuerySchema,
  PesImportResultSchema,
  PesListQuerySchema,
  PesOutboxListSchema,
  PesOutboxQuerySchema,
  PesRejectListSchema,
  PesRetryResultSchema,
  PesStatusSchema,
  PesSyncRunSchema,
} from '@zhuanyi/shared';
import { authOf } from '../../http/auth';
import { AppError } from '../../http/errors';
import { routeGroup, type RouteGroup } from '../../http/route';
import { LIMITS } from '../../security/abuse-limits';
import type { PesAdminService } from './pes.service';

const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** Passes bytes through, failing past the limit. */
function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(new AppError('PAYLOAD_TOO_LARGE'));
      else done(null, chunk);
    },
  });
}

export function createPesRoutes(service: PesAdminService): RouteGroup {
  const routes = routeGroup({ prefix: '/pes', tag: 'pes' });
  const admin = { roles: ['admin' as const] };

  routes.get('/status', {
    summary: '公共就业服务对接状态：岗位和培训同步、待报送和报送失败条数（工作人员只看本地区的报送）',
    auth: { roles: ['admin', 'staff'] },
    response: { schema: PesStatusSchema },
    handler: ({ ctx }) => service.status(authOf(ctx)),
  });

  routes.get('/outbox', {
    summary: '报送队列（默认等待报送的，最新在前）',
    auth: admin,
    request: { query: PesOutboxQuerySchema },
    response: { schema: PesOutboxListSchema },
    handler: ({ query }) => service.outbox(query.state, query.limit, query.cursor),
  });

  routes.get('/dead-letters', {
    summary: '报送失败的记录（多次重试仍失败，或对方拒收）',
    auth: admin,
    request: { query: PesListQuerySchema },
    response: { schema: PesOutboxListSchema },
    handler: ({ query }) => service.outbox('dead', query.limit, query.cursor),
  });

  routes.post('/dead-letters/:id/retry', {
    summary: '重新报送一条失败的记录',
    auth: admin,
    request: { params: PesIdParamsSchema },
    response: { schema: PesRetryResultSchema },
    errors: ['NOT_FOUND'],
    handler: async ({ params }) => {
      const retried = await service.retry([params.id]);
      if (retried === 0) throw new AppError('NOT_FOUND');
      return { retried };
    },
  });

  routes.post('/dead-letters/retry', {
    summary: '重新报送全部失败的记录',
    auth: admin,
    response: { schema: PesRetryResultSchema },
    handler: async () => ({ retried: await service.retry('all') }),
  });

  routes.get('/rejects', {
    summary: '格式有误、没有导入的岗位和培训记录，附原因',
    auth: admin,
    request: { query: PesListQuerySchema },
    response: { schema: PesRejectListSchema },
    handler: ({ query }) => service.rejects(query.limit, query.cursor),
  });

  routes.post('/sync/run', {
    summary: '立即同步岗位和培训（另一台服务器正在同步时跳过）',
    auth: admin,
    response: { schema: PesSyncRunSchema },
    handler: async () => ({ runs: await service.runSync() }),
  });

  routes.post('/imports', {
    summary: '导入岗位或培训文件（请求体为文件内容：JSON Lines 或 CSV，最大20MB；格式见 PES 对接说明）',
    auth: admin,
    request: { query: PesImportQuerySchema },
    limits: LIMITS.upload,
    response: { schema: PesImportResultSchema },
    errors: ['PAYLOAD_TOO_LARGE'],
    handler: ({ ctx, query }) => service.importFile(ctx.req.pipe(limitBytes(IMPORT_MAX_BYTES)), query.kind, query.format),
  });

  return routes;
}
