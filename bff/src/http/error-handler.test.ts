import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import request from 'supertest';
import { z } from 'zod';
import { ErrorBodySchema, IdNumberSchema, MobilePhoneSchema, PersonNameSchema } from '@zhuanyi/shared';
import { Employer } from '../modules/jobs/employer.model';
import { createLogger } from '../logging/logger';
import { LogCapture, testApp } from '../test-support/test-app';
import { useTestDb } from '../test-support/test-db';
import type { AppState } from './context';
import { errorHandler } from './error-handler';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors';
import { requestContext } from './request-id';
import { validate } from './validate';

const db = useTestDb();

/** A small app with the real request-id, logging and error middleware around routes that fail on purpose. */
function failingApp() {
  const logs = new LogCapture();
  const app = new Koa<AppState>();
  const router = new Router<AppState, Koa.Context>();
  router.get('/not-found', () => {
    throw new NotFoundError('error.jobNotFound');
  });
  router.get('/forbidden', () => {
    throw new ForbiddenError();
  });
  router.get('/conflict', () => {
    throw new ConflictError();
  });
  router.get('/fields', () => {
    throw new ValidationError({ villageCode: 'validation.regionCode.village' });
  });
  router.get('/boom', () => {
    throw new Error('secret internals: connection string mongodb://admin:pw@db1 and 11010519491231002X');
  });
  router.post(
    '/workers',
    validate({ body: z.object({ name: PersonNameSchema, idNumber: IdNumberSchema, phone: MobilePhoneSchema }) }),
    (ctx) => {
      ctx.body = ctx.request.body;
    },
  );
  router.post('/employers', async (ctx) => {
    const body = z.object({ name: z.string() }).parse(ctx.request.body);
    await Employer.create({ name: body.name, regionCode: '310115', industry: '建筑', contactName: '周经理', contactPhone: '13900001234' });
    ctx.status = 201;
    ctx.body = { ok: true };
  });
  app.use(requestContext(createLogger({ level: 'info', destination: logs })));
  app.use(errorHandler());
  app.use(bodyParser({ enableTypes: ['json'] }));
  app.use(router.routes());
  return { http: () => request(app.callback()), logs };
}

describe('error handler', () => {
  it('when a typed error is thrown, then its status, code and Chinese message come back with the request id', async () => {
    const { http } = failingApp();
    const res = await http().get('/not-found').set('X-Request-Id', 'test-request-0001').expect(404);
    expect(ErrorBodySchema.parse(res.body)).toEqual({
      error: { code: 'NOT_FOUND', message: '该岗位不存在或已下架', requestId: 'test-request-0001' },
    });
    expect(res.headers['x-request-id']).toBe('test-request-0001');
    await http().get('/forbidden').expect(403);
    expect(ErrorBodySchema.parse((await http().get('/conflict').expect(409)).body).error.code).toBe('CONFLICT');
  });

  it('when a validation error names fields with keys, then the fields are Chinese text', async () => {
    const { http } = failingApp();
    const res = await http().get('/fields').expect(400);
    expect(ErrorBodySchema.parse(res.body).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '填写的信息有误，请检查后再提交',
      fields: { villageCode: '请选择到村（嘎查、社区）' },
    });
  });

  it('when a body breaks the domain rules, then each field says what is wrong in Chinese', async () => {
    const { http } = failingApp();
    const res = await http().post('/workers').send({ name: 'Tom', idNumber: '110105194912310021', phone: '12345' }).expect(400);
    expect(ErrorBodySchema.parse(res.body).error.fields).toEqual({
      name: '姓名只能包含汉字，少数民族姓名可用“·”分隔',
      idNumber: '身份证号校验位不对，请核对后重新填写',
      phone: '手机号码应为11位数字',
    });
  });

  it('when a body is valid but untidy, then the handler sees the parsed, normalized value', async () => {
    const { http } = failingApp();
    const res = await http().post('/workers').send({ name: '阿卜杜热合曼•买买提艾力', idNumber: '11010519491231002x', phone: '+86 138 0000 5678' }).expect(200);
    expect(res.body).toEqual({ name: '阿卜杜热合曼·买买提艾力', idNumber: '11010519491231002X', phone: '13800005678' });
  });

  it('when the JSON is malformed, then 400 VALIDATION_FAILED says the format is wrong', async () => {
    const { http } = failingApp();
    const res = await http().post('/workers').set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(ErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'VALIDATION_FAILED', message: '提交的内容格式不正确' });
  });

  it('when MongoDB reports a duplicate key (11000), then 409 DUPLICATE names the field', async () => {
    await Employer.init();
    const { http } = failingApp();
    await http().post('/employers').send({ name: '东莞华美制衣有限公司' }).expect(201);
    const res = await http().post('/employers').send({ name: '东莞华美制衣有限公司' }).expect(409);
    expect(ErrorBodySchema.parse(res.body).error).toMatchObject({
      code: 'DUPLICATE',
      message: '该信息已经存在，不能重复登记',
      fields: { name: '已被使用' },
    });
    expect(db.current).toBeDefined();
  });

  it('when something unexpected fails, then 500 INTERNAL leaks nothing and the log keeps the stack, redacted', async () => {
    const { http, logs } = failingApp();
    const res = await http().get('/boom').expect(500);
    const body = ErrorBodySchema.parse(res.body);
    expect(body.error).toEqual({ code: 'INTERNAL', message: '系统出错了，请稍后再试', requestId: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain('secret');
    const logged = logs.raw.join('\n');
    expect(logged).toContain('secret internals');
    expect(logged).not.toContain('11010519491231002X');
    expect(logs.lines.some((l) => l.reqId === body.error.requestId && l.msg === 'request failed')).toBe(true);
  });
});

describe('the real app', () => {
  it('when a path is unknown, then 404 NOT_FOUND in the error body', async () => {
    const res = await testApp(db.database).http().get('/api/v1/no-such-thing').expect(404);
    expect(ErrorBodySchema.parse(res.body).error.code).toBe('NOT_FOUND');
  });

  it('when a known path gets the wrong method, then 405 METHOD_NOT_ALLOWED', async () => {
    const res = await testApp(db.database).http().delete('/api/v1/regions').expect(405);
    expect(ErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方式' });
  });

  it('when a request is logged, then phones, ID numbers and tokens in the URL and headers are redacted', async () => {
    const { http, logs } = testApp(db.database);
    await http()
      .get('/api/v1/regions/search?q=13812345678&token=abc.def.ghi')
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl')
      .set('User-Agent', 'test 11010519491231002X');
    const raw = logs.raw.join('\n');
    expect(raw).toContain('request done');
    expect(raw).not.toContain('13812345678');
    expect(raw).not.toContain('11010519491231002X');
    expect(raw).not.toContain('abc.def.ghi');
    expect(raw).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });
});
