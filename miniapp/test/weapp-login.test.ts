/**
 * @jest-environment jsdom
 *
 * WeChat sign-in in the built weapp artifact (H5 has no WeChat login): miniprogram-simulate runs
 * the real dist login page; wx.login hands out codes the fake WeChat server knows, and wx.request
 * goes over real HTTP to a real BFF process whose WeChat base URL is that fake server. Tapping
 * 微信登录 walks code → BFF → jscode2session → tokens; the phone-number button walks phone code →
 * BFF → access token + getuserphonenumber → tokens for the account of that phone.
 *
 * WEAPP_DIR names a built weapp (default miniapp/dist/weapp, built when missing or stale).
 */
import http from 'node:http';
import { startFakeWechat, type FakeWechat } from '../../bff/src/integrations/wechat/fake-wechat';
import { startBff, type RunningBff } from '../../tests/support/bff-process';
import { BUILT_ORIGIN, ensureWeappBuild, renderBuiltPage, until, type Callbacks, type WxRequestOptions } from './weapp-harness';

/** wx.request → the real BFF over HTTP (the built origin swapped for the BFF's). */
function forward(bff: RunningBff, sent: string[]) {
  return (options: WxRequestOptions) => {
    const url = new URL(options.url.replace(BUILT_ORIGIN, bff.baseUrl));
    sent.push(`${options.method ?? 'GET'} ${url.pathname}`);
    const body = options.data === undefined || options.method === 'GET' ? undefined : typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
    const req = http.request(url, { method: options.method ?? 'GET', headers: { 'content-type': 'application/json', ...options.header } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let data: unknown = text;
        try {
          data = JSON.parse(text) as unknown;
        } catch {
          // not JSON
        }
        options.success?.({ statusCode: res.statusCode ?? 0, data, header: res.headers as Record<string, string>, errMsg: 'request:ok' });
        options.complete?.({});
      });
    });
    req.on('error', (e) => {
      options.fail?.({ errMsg: `request:fail ${e.message}` });
      options.complete?.({});
    });
    if (body) req.write(body);
    req.end();
    return { abort: () => req.destroy(), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
  };
}

describe('weapp artifact: WeChat sign-in against a fake WeChat server through a real BFF', () => {
  jest.setTimeout(600_000);
  let wechat: FakeWechat;
  let bff: RunningBff;

  beforeAll(async () => {
    ensureWeappBuild();
    // jsdom has no fetch; startBff only asks /readyz whether the answer is 2xx.
    const g = globalThis as unknown as { fetch?: unknown };
    g.fetch ??= (url: string) =>
      new Promise((resolve, reject) => {
        http.get(url, (res) => {
          res.resume();
          resolve({ ok: (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300 });
        }).on('error', reject);
      });
    wechat = await startFakeWechat({ appId: 'wx-artifact', secret: 'artifact-secret' });
    bff = await startBff({ WECHAT_APPID: 'wx-artifact', WECHAT_SECRET: 'artifact-secret', WECHAT_BASE_URL: wechat.baseUrl });
  });

  afterAll(async () => {
    await bff?.stop();
    await wechat?.stop();
  });

  it('when the worker taps 微信登录 and then the phone-number button, then each walks through the BFF to WeChat and signs them in', async () => {
    const storage = new Map<string, unknown>();
    const sent: string[] = [];
    const navigations: string[] = [];
    const loginCodes = ['artifact-login-1', 'artifact-login-2'];
    const g = globalThis as unknown as Record<string, unknown>;
    const wx = ((g.wx as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
    g.wx = wx;
    Object.assign(wx, {
      request: forward(bff, sent),
      login: (o: Callbacks) => {
        const code = loginCodes.shift() ?? 'no-more-codes';
        setTimeout(() => {
          o.success?.({ code, errMsg: 'login:ok' });
          o.complete?.({});
        }, 1);
      },
      getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
      removeStorageSync: (key: string) => void storage.delete(key),
      ...Object.fromEntries(
        ['redirectTo', 'switchTab', 'navigateBack', 'reLaunch', 'navigateTo'].map((name) => [
          name,
          (o: Callbacks & { url?: string }) => {
            navigations.push(`${name} ${o.url ?? ''}`);
            o.success?.({ errMsg: `${name}:ok` });
            o.complete?.({});
          },
        ]),
      ),
    });
    wechat.addLoginCode('artifact-login-1', { openid: 'o-artifact-worker' });
    wechat.addLoginCode('artifact-login-2', { openid: 'o-artifact-worker' });
    wechat.addPhoneCode('artifact-phone-1', '13700001111');

    const { simulate, page } = renderBuiltPage('pages/login/index');
    await until(() => page.dom.textContent?.includes('微信登录') ?? false, 'the WeChat buttons render', simulate);
    expect(page.dom.textContent).toContain('微信手机号一键登录');

    // 1. 微信登录: wx.login code → POST /auth/wechat → jscode2session at the fake WeChat.
    const wechatLogin = page.querySelectorAll('.zy-button').find((b) => b.dom.textContent === '微信登录');
    expect(wechatLogin).toBeDefined();
    wechatLogin?.dispatchEvent('tap');
    await until(() => navigations.length > 0, 'navigation after WeChat sign-in', simulate);
    expect(sent).toContain('POST /api/v1/auth/wechat');
    const session = wechat.requests.find((r) => r.path === '/sns/jscode2session');
    expect(session?.query).toMatchObject({ appid: 'wx-artifact', js_code: 'artifact-login-1', grant_type: 'authorization_code' });
    // Not registered yet: on to 实名登记.
    expect(navigations[0]).toBe('redirectTo /pages/register/index');
    const token = JSON.stringify([...storage.values()]);
    expect(token).toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);

    // 2. The phone-number button: its code → POST /auth/wechat/phone → WeChat's phone API.
    const phoneButton = page.querySelectorAll('.zy-button--primary').find((b) => b.dom.textContent === '微信手机号一键登录');
    expect(phoneButton).toBeDefined();
    phoneButton?.dispatchEvent('getphonenumber', { detail: { code: 'artifact-phone-1', errMsg: 'getPhoneNumber:ok' } });
    await until(() => navigations.length > 1, () => `navigation after phone sign-in; sent ${sent.join(', ')}; page: ${page.dom.textContent ?? ''}`, simulate);
    expect(sent).toContain('POST /api/v1/auth/wechat/phone');
    const phoneCall = wechat.requests.find((r) => r.path === '/wxa/business/getuserphonenumber');
    expect(phoneCall?.body).toEqual({ code: 'artifact-phone-1' });
    expect(wechat.requests.some((r) => r.path === '/cgi-bin/token' || r.path === '/cgi-bin/stable_token')).toBe(true);

    // The stored access token is a real one: the BFF answers who it is.
    const access = /"accessToken":"([^"]+)"/.exec(JSON.stringify([...storage.values()]))?.[1] ?? /(eyJ[\w-]+\.[\w-]+\.[\w-]+)/.exec(JSON.stringify([...storage.values()]))?.[1];
    expect(access).toBeDefined();
    const me = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(`${bff.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${access}` } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        })
        .on('error', reject);
    });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ role: 'worker' });
  });
});
