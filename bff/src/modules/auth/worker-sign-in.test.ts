import request from 'supertest';
import mongoose from 'mongoose';
import { ErrorBodySchema, SmsCodeSentSchema, TokenPairSchema } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig, type Config } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { LogCapture } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';
import { manualClock } from '../../security/clock';
import { startFakeWechat, type FakeWechat } from '../../integrations/wechat/fake-wechat';
import { startFakeSms, type FakeSms } from '../../integrations/sms/fake-sms';
import { WorkerLogin } from './worker-login.model';
import { SmsCode } from './sms-code.model';

const db = useTestDb();
const clock = manualClock();
let wechat: FakeWechat;
let sms: FakeSms;
let config: Config;

beforeAll(async () => {
  wechat = await startFakeWechat({ appId: 'wx-test-app', secret: 'wx-test-secret' });
  sms = await startFakeSms();
  config = testConfig({
    wechat: { appId: 'wx-test-app', secret: 'wx-test-secret', baseUrl: wechat.baseUrl },
    sms: { baseUrl: sms.baseUrl, apiKey: sms.apiKey, signName: '转移就业服务' },
  });
});
afterAll(async () => {
  await wechat.stop();
  await sms.stop();
});
beforeEach(() => clock.set('2026-06-01T02:00:00Z'));

function http(cfg: Config = config, logs?: LogCapture) {
  const logger = createLogger({ level: logs ? 'info' : 'silent', ...(logs ? { destination: logs } : {}) });
  return request(createApp({ config: cfg, logger, db: db.database, clock }).callback());
}

describe('WeChat sign-in (fake WeChat over HTTP)', () => {
  it('when a fresh wx.login code is sent, then jscode2session is called and a new worker login gets tokens', async () => {
    wechat.addLoginCode('code-a1', { openid: 'openid-a', unionid: 'union-a' });
    const res = await http().post('/api/v1/auth/wechat').send({ code: 'code-a1' });
    expect(res.status).toBe(200);
    const pair = TokenPairSchema.parse(res.body);
    expect(pair.isNew).toBe(true);
    expect(pair.subject.role).toBe('worker');
    const call = wechat.requests.find((r) => r.path === '/sns/jscode2session' && r.query.js_code === 'code-a1');
    expect(call?.query).toMatchObject({ appid: 'wx-test-app', grant_type: 'authorization_code' });
    expect((await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${pair.accessToken}`)).status).toBe(200);
  });

  it('when the same person signs in again, then the same login is found by openid', async () => {
    wechat.addLoginCode('code-b1', { openid: 'openid-b' });
    wechat.addLoginCode('code-b2', { openid: 'openid-b' });
    const first = TokenPairSchema.parse((await http().post('/api/v1/auth/wechat').send({ code: 'code-b1' })).body);
    const second = TokenPairSchema.parse((await http().post('/api/v1/auth/wechat').send({ code: 'code-b2' })).body);
    expect(second.isNew).toBe(false);
    expect(second.subject.subjectId).toBe(first.subject.subjectId);
    expect(await WorkerLogin.countDocuments({ openid: 'openid-b' })).toBe(1);
  });

  it('when the code is invalid or already used, then 401 with a plain message', async () => {
    wechat.addLoginCode('code-c1', { openid: 'openid-c' });
    expect((await http().post('/api/v1/auth/wechat').send({ code: 'code-c1' })).status).toBe(200);
    const reused = await http().post('/api/v1/auth/wechat').send({ code: 'code-c1' });
    expect(reused.status).toBe(401);
    expect(ErrorBodySchema.parse(reused.body).error.message).toBe('微信登录已过期，请重新打开小程序');
  });

  it('when WeChat is busy, then 502 UPSTREAM_FAILED', async () => {
    wechat.setBusy(true);
    try {
      const res = await http().post('/api/v1/auth/wechat').send({ code: 'any' });
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('UPSTREAM_FAILED');
    } finally {
      wechat.setBusy(false);
    }
  });

  it('when WeChat is not configured, then 503', async () => {
    const res = await http(testConfig()).post('/api/v1/auth/wechat').send({ code: 'any' });
    expect(res.status).toBe(503);
  });

  it('when the phone-number button is used with a login code, then one login holds both the phone and the openid, and the phone is stored encrypted', async () => {
    wechat.addPhoneCode('phone-code-1', '13900001111');
    wechat.addLoginCode('code-d1', { openid: 'openid-d' });
    const res = await http().post('/api/v1/auth/wechat/phone').send({ phoneCode: 'phone-code-1', loginCode: 'code-d1' });
    expect(res.status).toBe(200);
    const pair = TokenPairSchema.parse(res.body);
    expect(pair.subject.phoneMasked).toBe('139****1111');
    const stored = await WorkerLogin.findById(pair.subject.subjectId).lean();
    expect(stored?.openid).toBe('openid-d');
    expect(JSON.stringify(stored)).not.toContain('13900001111');
    // Later a plain wx.login finds the same login.
    wechat.addLoginCode('code-d2', { openid: 'openid-d' });
    const again = TokenPairSchema.parse((await http().post('/api/v1/auth/wechat').send({ code: 'code-d2' })).body);
    expect(again.subject.subjectId).toBe(pair.subject.subjectId);
  });

  it('when a worker signed in by WeChat then taps the phone-number button, then the same login gets the phone (not a duplicate error)', async () => {
    wechat.addLoginCode('code-f1', { openid: 'openid-f' });
    wechat.addLoginCode('code-f2', { openid: 'openid-f' });
    wechat.addPhoneCode('phone-code-f', '13900006666');
    const first = TokenPairSchema.parse((await http().post('/api/v1/auth/wechat').send({ code: 'code-f1' })).body);
    const res = await http().post('/api/v1/auth/wechat/phone').send({ phoneCode: 'phone-code-f', loginCode: 'code-f2' });
    expect(res.status).toBe(200);
    const pair = TokenPairSchema.parse(res.body);
    expect(pair.subject.subjectId).toBe(first.subject.subjectId);
    expect(pair.subject.phoneMasked).toBe('139****6666');
    expect(await WorkerLogin.countDocuments({})).toBe(1);
  });

  it('when the access token has expired at WeChat, then the client fetches a new one and the phone sign-in still works', async () => {
    wechat.addPhoneCode('phone-code-2', '13900002222');
    wechat.addPhoneCode('phone-code-3', '13900002222');
    expect((await http().post('/api/v1/auth/wechat/phone').send({ phoneCode: 'phone-code-2' })).status).toBe(200);
    wechat.expireAccessTokens();
    const res = await http().post('/api/v1/auth/wechat/phone').send({ phoneCode: 'phone-code-3' });
    expect(res.status).toBe(200);
  });
});

describe('SMS one-time codes (fake SMS provider over HTTP)', () => {
  const phone = '13800005678';

  async function askCode(p = phone) {
    return http().post('/api/v1/auth/sms/code').send({ phone: p });
  }

  it('when a code is asked for and entered, then the worker is signed in and the code cannot be used twice', async () => {
    const sent = await askCode();
    expect(sent.status).toBe(200);
    expect(SmsCodeSentSchema.parse(sent.body)).toEqual({ phoneMasked: '138****5678', expiresInSeconds: 300, resendAfterSeconds: 60 });
    const code = sms.lastCodeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    const stored = await SmsCode.findOne({}).lean();
    expect(JSON.stringify(stored)).not.toContain(code);
    const res = await http().post('/api/v1/auth/sms').send({ phone, code });
    expect(res.status).toBe(200);
    const pair = TokenPairSchema.parse(res.body);
    expect(pair).toMatchObject({ isNew: true, subject: { role: 'worker', phoneMasked: '138****5678' } });
    const again = await http().post('/api/v1/auth/sms').send({ phone, code });
    expect(again.status).toBe(400);
  });

  it('when a second code is asked for within 60 s, then 429 with Retry-After; after 60 s it is sent', async () => {
    expect((await askCode()).status).toBe(200);
    clock.advance(30_000);
    const soon = await askCode();
    expect(soon.status).toBe(429);
    expect(soon.headers['retry-after']).toBe('30');
    expect(soon.body.error.message).toBe('验证码已发送，请 30 秒后再获取');
    clock.advance(30_000);
    expect((await askCode()).status).toBe(200);
  });

  it('when 10 codes were sent today, then the 11th is refused until the next China day', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await askCode()).status).toBe(200);
      clock.advance(61_000);
    }
    const eleventh = await askCode();
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.message).toBe('今天获取验证码的次数已用完，请明天再试');
    clock.set('2026-06-01T16:00:01Z'); // 00:00:01 on 2 June in China
    expect((await askCode()).status).toBe(200);
  });

  it('when a wrong code is entered 5 times, then the code is spent even if the right one follows', async () => {
    await askCode();
    const code = sms.lastCodeFor(phone) ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i += 1) {
      const res = await http().post('/api/v1/auth/sms').send({ phone, code: wrong });
      expect(res.status).toBe(400);
      expect(res.body.error.fields.code).toBe(`验证码不对，还可以再试 ${5 - i} 次`);
    }
    const fifth = await http().post('/api/v1/auth/sms').send({ phone, code: wrong });
    expect(fifth.status).toBe(429);
    const right = await http().post('/api/v1/auth/sms').send({ phone, code });
    expect(right.status).toBe(429);
    expect(right.body.error.message).toBe('验证码输错次数太多，请重新获取验证码');
  });

  it('when 5 minutes have passed, then the code has expired, and the collection has a TTL index on expiresAt', async () => {
    await askCode();
    const code = sms.lastCodeFor(phone);
    clock.advance(5 * 60_000);
    const res = await http().post('/api/v1/auth/sms').send({ phone, code });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.code).toBe('验证码已失效，请重新获取');
    const indexes = await mongoose.connection.collection('sms_codes').indexes();
    expect(indexes.find((i) => i.key.expiresAt === 1)?.expireAfterSeconds).toBe(0);
    const doc = await SmsCode.findOne({}).lean();
    expect(doc?.expiresAt.getTime()).toBe(new Date('2026-06-01T02:05:00Z').getTime());
  });

  it('when the provider fails, then 502 and the phone may ask again at once', async () => {
    sms.setFailing(true);
    try {
      expect((await askCode('13700001234')).status).toBe(502);
    } finally {
      sms.setFailing(false);
    }
    expect(await SmsCode.countDocuments({})).toBe(0);
    expect((await askCode('13700001234')).status).toBe(200);
  });

  it('when no SMS provider is configured, then the development provider writes the code to the log with the phone masked', async () => {
    const logs = new LogCapture();
    const res = await http(testConfig(), logs).post('/api/v1/auth/sms/code').send({ phone: '13600001234' });
    expect(res.status).toBe(200);
    const line = logs.raw.find((l) => l.includes('devLoginCode'));
    expect(line).toBeDefined();
    expect(line).toContain('136****1234');
    expect(line).not.toContain('13600001234');
  });

  it('when the phone is malformed, then 400 with the phone field message', async () => {
    const res = await http().post('/api/v1/auth/sms/code').send({ phone: '12345' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.phone).toBe('手机号码应为11位数字');
  });
});
