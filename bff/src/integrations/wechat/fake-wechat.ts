/**
 * A fake WeChat API server for tests and local runs, over real HTTP on 127.0.0.1.
 * It speaks the three endpoints the client uses, with WeChat's errcode conventions:
 * codes are single-use; unknown codes answer 40029; access tokens can be expired on demand.
 *
 *   const wx = await startFakeWechat({ appId: 'wx-test', secret: 's' });
 *   wx.addLoginCode('code-1', { openid: 'o-1' });
 *   config.wechat.baseUrl = wx.baseUrl;
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface FakeWechatOptions {
  appId: string;
  secret: string;
}

export interface FakeWechatRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeWechat {
  baseUrl: string;
  requests: FakeWechatRequest[];
  addLoginCode(code: string, user: { openid: string; unionid?: string }): void;
  addPhoneCode(code: string, purePhoneNumber: string): void;
  /** Makes every issued access token invalid (the next phone call answers 40001). */
  expireAccessTokens(): void;
  /** Answers every request with errcode -1 (system busy) while true. */
  setBusy(busy: boolean): void;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeWechat(options: FakeWechatOptions): Promise<FakeWechat> {
  const loginCodes = new Map<string, { openid: string; unionid?: string }>();
  const phoneCodes = new Map<string, string>();
  const tokens = new Set<string>();
  const requests: FakeWechatRequest[] = [];
  let busy = false;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams);
      const body = await readBody(req);
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query, body });
      if (busy) return send(res, { errcode: -1, errmsg: 'system error' });

      if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
        if (query.appid !== options.appId || query.secret !== options.secret) return send(res, { errcode: 40125, errmsg: 'invalid appsecret' });
        const user = loginCodes.get(query.js_code ?? '');
        if (!user) return send(res, { errcode: 40029, errmsg: 'invalid code' });
        loginCodes.delete(query.js_code ?? '');
        return send(res, { openid: user.openid, session_key: randomBytes(16).toString('base64'), ...(user.unionid ? { unionid: user.unionid } : {}) });
      }
      if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
        if (query.appid !== options.appId || query.secret !== options.secret) return send(res, { errcode: 40125, errmsg: 'invalid appsecret' });
        const token = randomBytes(24).toString('hex');
        tokens.add(token);
        return send(res, { access_token: token, expires_in: 7200 });
      }
      if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
        if (!tokens.has(query.access_token ?? '')) return send(res, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        const code = body !== null && typeof body === 'object' ? Reflect.get(body, 'code') : undefined;
        const phone = typeof code === 'string' ? phoneCodes.get(code) : undefined;
        if (!phone || typeof code !== 'string') return send(res, { errcode: 40029, errmsg: 'invalid code' });
        phoneCodes.delete(code);
        return send(res, {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: 0, appid: options.appId } },
        });
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    addLoginCode: (code, user) => loginCodes.set(code, user),
    addPhoneCode: (code, phone) => phoneCodes.set(code, phone),
    expireAccessTokens: () => tokens.clear(),
    setBusy: (value) => {
      busy = value;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
