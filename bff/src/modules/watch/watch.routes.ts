/** Four-color watch: counts, recompute, the daily sweep and follow-up tasks. */
import { FollowUpDoneSchema, FollowUpListSchema, FollowUpQuerySchema, FollowUpTaskSchema, IdParamsSchema, WatchCountsQuerySchema, WatchCountsSchema, WatchRecomputeResultSchema, WatchSweepResultSchema } from '@zhuanyi/shared';
import { authOf, type AuthContext } from '../../http/auth';
import { routeGroup, type RouteGroup } from '../../http/route';
import { regionFor } from '../staff/scope';
import type { FollowUpService } from './follow-up.service';
import type { WatchSweep } from './watch-sweep';
import type { WatchService } from './watch.service';

const STAFF = { roles: ['staff', 'admin'] } as const;

/** An admin without a region asked sees everywhere; anyone else their region (or the asked one inside it). */
const watchRegion = (auth: AuthContext, asked: string | undefined): string | null =>
  asked === undefined && (auth.role === 'admin' || auth.regionScope === null) ? null : regionFor(auth, asked);

export function createWatchRoutes(d: { watch: WatchService; followUps: FollowUpService; sweep: WatchSweep }): RouteGroup {
  const g = routeGroup({ prefix: '/watch', tag: 'watch' });
  g.get('/counts', {
    summary: '四色预警：按村统计红橙黄绿人数（市级以上和管理员按县统计；规则见 rules）',
    auth: STAFF,
    request: { query: WatchCountsQuerySchema },
    response: { schema: WatchCountsSchema },
    errors: ['NOT_FOUND'],
    handler: ({ ctx, query }) => d.watch.counts(watchRegion(authOf(ctx), query.regionCode)),
  });
  g.post('/recompute', {
    summary: '按当前规则重新计算本地区的四色预警',
    auth: STAFF,
    request: { query: WatchCountsQuerySchema },
    response: { schema: WatchRecomputeResultSchema },
    errors: ['NOT_FOUND'],
    handler: async ({ ctx, query }) => ({ recomputed: (await d.watch.recomputeRegion(regionFor(authOf(ctx), query.regionCode))).recomputed }),
  });
  g.post('/sweep', {
    summary: '立即运行今天的四色预警巡检（每个县每天一次，平时由后台定时运行）',
    auth: { roles: ['admin'] },
    response: { schema: WatchSweepResultSchema },
    handler: () => d.sweep.runDue(),
  });
  g.get('/tasks', {
    summary: '预警跟进任务：颜色变化后由负责的工作人员按期跟进（可只看本人的、只看超期的）',
    auth: STAFF,
    request: { query: FollowUpQuerySchema },
    response: { schema: FollowUpListSchema },
    handler: ({ ctx, query }) => d.followUps.list(authOf(ctx), query),
  });
  g.post('/tasks/:id/done', {
    summary: '完成跟进任务（写明做了什么，记入审计日志）',
    auth: STAFF,
    request: { params: IdParamsSchema, body: FollowUpDoneSchema },
    response: { schema: FollowUpTaskSchema },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ ctx, params, body }) => d.followUps.done(authOf(ctx), params.id, body.note),
  });
  return g;
}
