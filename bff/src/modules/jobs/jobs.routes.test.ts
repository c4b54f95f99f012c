import { ErrorBodySchema, JobDetailSchema, JobListResponseSchema } from '@zhuanyi/shared';
import { useTestDb } from '../../test-support/test-db';
import { testApp } from '../../test-support/test-app';
import { buildEmployer, buildJob } from '../../test-support/factories';

const db = useTestDb();
const http = () => testApp(db.database).http();
const HOUR = 3600_000;

describe('GET /api/v1/jobs', () => {
  it('when jobs exist, then open ones come newest first and parse with JobListResponseSchema', async () => {
    const now = Date.now();
    await buildJob({ title: '旧岗位', createdAt: new Date(now - 3 * HOUR) });
    await buildJob({ title: '新岗位', createdAt: new Date(now - HOUR) });
    await buildJob({ title: '已关闭', status: 'closed' });
    await buildJob({ title: '已过期', deadline: new Date(now - HOUR) });

    const res = await http().get('/api/v1/jobs').expect(200);
    const body = JobListResponseSchema.parse(res.body);
    expect(body.items.map((j) => j.title)).toEqual(['新岗位', '旧岗位']);
    expect(body.nextCursor).toBeNull();
  });

  it('when there are more jobs than the limit, then the cursor walks every job exactly once', async () => {
    const base = Date.now() - 100 * HOUR;
    const sameTime = new Date(base + 50 * HOUR);
    for (let i = 0; i < 7; i += 1) await buildJob({ title: `岗位${i}`, createdAt: i < 4 ? sameTime : new Date(base + i * HOUR) });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/jobs?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const body = JobListResponseSchema.parse((await http().get(url).expect(200)).body);
      seen.push(...body.items.map((j) => j.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
  });

  it('when filters are given, then only matching jobs come back', async () => {
    const welfareEmployer = await buildEmployer({ name: '洛隆县人社局', regionCode: '540329' });
    await buildJob({ title: '生态护林员', trade: '护林员', regionCode: '540329', publicWelfare: true, transport: 'none', mealsAndLodging: false, payMinFen: 150000, payMaxFen: 180000, employer: welfareEmployer });
    await buildJob({ title: '上海电焊工', trade: '电焊工', regionCode: '310115', payMinFen: 800000, payMaxFen: 1100000 });
    await buildJob({ title: '东莞缝纫工', trade: '缝纫工', regionCode: '441900', transport: 'shuttle', payMinFen: 650000, payMaxFen: 900000 });

    const titles = async (query: string) =>
      JobListResponseSchema.parse((await http().get(`/api/v1/jobs?${query}`).expect(200)).body).items.map((j) => j.title).sort();

    expect(await titles('publicWelfare=true')).toEqual(['生态护林员']);
    expect(await titles('trade=缝纫工')).toEqual(['东莞缝纫工']);
    expect(await titles('regionCode=31')).toEqual(['上海电焊工']);
    expect(await titles('regionCode=540000')).toEqual(['生态护林员']);
    expect(await titles('transport=shuttle')).toEqual(['东莞缝纫工']);
    expect(await titles('mealsAndLodging=false')).toEqual(['生态护林员']);
    expect(await titles('payMinFen=700000')).toEqual(['上海电焊工', '东莞缝纫工'].sort());
    expect(await titles('payMaxFen=200000')).toEqual(['生态护林员']);
    expect(await titles(`q=${encodeURIComponent('洛隆')}`)).toEqual(['生态护林员']);
    expect(await titles(`q=${encodeURIComponent('焊')}`)).toEqual(['上海电焊工']);
    expect(await titles(`q=${encodeURIComponent('.*')}`)).toEqual([]);
  });

  it('when the query is invalid, then 400 VALIDATION_FAILED names each field in Chinese', async () => {
    const res = await http().get('/api/v1/jobs?limit=0&payMinFen=abc').expect(400);
    const body = ErrorBodySchema.parse(res.body);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields).toEqual({ limit: '不能小于 1', payMinFen: '格式不正确' });
  });

  it('when the cursor is not one we issued, then the cursor field says to reload', async () => {
    const res = await http().get('/api/v1/jobs?cursor=bm90LWEtY3Vyc29y').expect(400);
    expect(ErrorBodySchema.parse(res.body).error.fields).toEqual({ cursor: '翻页参数无效，请从第一页重新加载' });
  });

  it('when the pay range is upside down, then payMinFen is named', async () => {
    const res = await http().get('/api/v1/jobs?payMinFen=900000&payMaxFen=100000').expect(400);
    expect(ErrorBodySchema.parse(res.body).error.fields).toEqual({ payMinFen: '最低工资不能高于最高工资' });
  });
});

describe('GET /api/v1/jobs/:id', () => {
  it('when the job exists, then the detail has the employer and a masked contact phone', async () => {
    const employer = await buildEmployer({ name: '东莞华美制衣有限公司', regionCode: '441900', industry: '服装加工' });
    const job = await buildJob({ employer, contactPhone: '13812345678', requirements: ['会平车'], benefits: ['包吃住'] });
    const res = await http().get(`/api/v1/jobs/${job._id.toHexString()}`).expect(200);
    const detail = JobDetailSchema.parse(res.body);
    expect(detail.employer.name).toBe('东莞华美制衣有限公司');
    expect(detail.contactPhoneMasked).toBe('138****5678');
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
  });

  it('when no job has that id, then 404 NOT_FOUND in Chinese', async () => {
    const res = await http().get('/api/v1/jobs/0123456789abcdef01234567').expect(404);
    expect(ErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'NOT_FOUND', message: '该岗位不存在或已下架' });
  });

  it('when the id is malformed, then 400 with the id field', async () => {
    const res = await http().get('/api/v1/jobs/xyz').expect(400);
    expect(ErrorBodySchema.parse(res.body).error.fields).toEqual({ id: '编号格式不正确' });
  });
});
