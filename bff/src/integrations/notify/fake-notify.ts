/**
 * Fake WeChat subscribe-message and SMS endpoints over real HTTP on 127.0.0.1, for the notifier's
 * tests: it keeps what was sent and can refuse (user did not subscribe: errcode 43101) or fail.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface FakeNotifySent {
  channel: 'wechat' | 'sms';
  to: string;
  body: Record<string, unknown>;
}

export interface FakeNotify {
  baseUrl: string;
  appId: string;
  secret: string;
  apiKey: string;
  sent: FakeNotifySent[];
  /** WeChat answers 43101 (no subscription) to these openids. */
  refuseOpenid(openid: string): void;
  setSmsFailing(failing: boolean): void;
  /** Down: WeChat and SMS take requests and never answer (as a dead upstream behind a proxy). */
  setHanging(hanging: boolean): void;
  stop(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function startFakeNotify(): Promise<FakeNotify> {
  const appId = 'wx-notify-test';
  const secret = 'notify-secret';
  const apiKey = 'notify-sms-key';
  const tokens = new Set<string>();
  const refused = new Set<string>();
  const sent: FakeNotifySent[] = [];
  let smsFailing = false;
  let hanging = false;
  const server = createServer((req, res) => {
    if (hanging) return;
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readJson(req);
      const json = (status: number, b: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(b));
      };
      if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
        if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret) return json(200, { errcode: 40125 });
        const token = randomBytes(12).toString('hex');
        tokens.add(token);
        return json(200, { access_token: token, expires_in: 7200 });
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        if (!tokens.has(url.searchParams.get('access_token') ?? '')) return json(200, { errcode: 40001, errmsg: 'invalid credential' });
        const to = typeof body.touser === 'string' ? body.touser : '';
        if (refused.has(to)) return json(200, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
        sent.push({ channel: 'wechat', to, body });
        return json(200, { errcode: 0, errmsg: 'ok', msgid: Date.now() });
      }
      if (req.method === 'POST' && url.pathname === '/v1/sms/send') {
        if (req.headers.authorization !== `Bearer ${apiKey}`) return json(401, { error: 'bad api key' });
        if (smsFailing) return json(503, { error: 'busy' });
        sent.push({ channel: 'sms', to: typeof body.to === 'string' ? body.to : '', body });
        return json(200, { messageId: randomBytes(6).toString('hex') });
      }
      return json(404, { error: 'not found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    appId,
    secret,
    apiKey,
    sent,
    refuseOpenid: (o) => refused.add(o),
    setSmsFailing: (f) => {
      smsFailing = f;
    },
    setHanging: (h) => {
      hanging = h;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
