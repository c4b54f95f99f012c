import {
  RegionCodeParamsSchema,
  RegionDetailSchema,
  RegionListResponseSchema,
  RegionSearchQuerySchema,
  RegionSearchResponseSchema,
} from '@zhuanyi/shared';
import { routeGroup } from '../../http/route';
import { getRegion, listChildren, listProvinces, searchRegions } from './regions.service';

export const regionRoutes = routeGroup({ prefix: '/regions', tag: 'regions' });

regionRoutes.get('/', {
  auth: 'public',
  summary: '省级行政区列表（地区选择的第一级）',
  response: { schema: RegionListResponseSchema },
  handler: () => ({ items: listProvinces() }),
});

// Before '/:code' so that "search" is not taken for a code.
regionRoutes.get('/search', {
  auth: 'public',
  summary: '按名称搜索地区（可限定在某地区内、某一级）',
  request: { query: RegionSearchQuerySchema },
  response: { schema: RegionSearchResponseSchema },
  errors: ['NOT_FOUND'],
  handler: ({ query }) => ({ items: searchRegions(query) }),
});

regionRoutes.get('/:code', {
  auth: 'public',
  summary: '按代码查地区，含上级链和全称',
  request: { params: RegionCodeParamsSchema },
  response: { schema: RegionDetailSchema },
  errors: ['NOT_FOUND'],
  handler: ({ params }) => getRegion(params.code),
});

regionRoutes.get('/:code/children', {
  auth: 'public',
  summary: '下一级地区列表（乡镇下为村/嘎查/社区）',
  request: { params: RegionCodeParamsSchema },
  response: { schema: RegionListResponseSchema },
  errors: ['NOT_FOUND'],
  handler: ({ params }) => ({ items: listChildren(params.code) }),
});
