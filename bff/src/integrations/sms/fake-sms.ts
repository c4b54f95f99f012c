/**
 * A fake SMS provider over real HTTP on 127.0.0.1, speaking the API HttpSmsProvider uses.
 * It keeps every message so tests can read the code a "phone" received.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const SendSchema = z.object({
  to: z.string(),
  signName: z.string(),
  template: z.string(),
  params: z.object({ code: z.string(), minutes: z.number() }),
});

export interface FakeSmsMessage {
  to: string;
  signName: string;
  template: string;
  code: string;
  at: Date;
}

export interface FakeSms {
  baseUrl: string;
  apiKey: string;
  messages: FakeSmsMessage[];
  /** The code of the last message sent to the phone, or undefined. */
  lastCodeFor(phone: string): string | undefined;
  /** Answers 503 to sends while true. */
  setFailing(failing: boolean): void;
  stop(): Promise<void>;
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeSms(apiKey = 'fake-sms-key'): Promise<FakeSms> {
  const messages: FakeSmsMessage[] = [];
  let failing = false;
  const server = createServer((req, res) => {
    void (async () => {
      const text = await readText(req);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/v1/sms/send') return json(404, { error: 'not found' });
      if (req.headers.authorization !== `Bearer ${apiKey}`) return json(401, { error: 'bad api key' });
      if (failing) return json(503, { error: 'busy' });
      let parsed: z.infer<typeof SendSchema>;
      try {
        parsed = SendSchema.parse(JSON.parse(text));
      } catch {
        return json(400, { error: 'bad request' });
      }
      messages.push({ to: parsed.to, signName: parsed.signName, template: parsed.template, code: parsed.params.code, at: new Date() });
      return json(200, { messageId: randomUUID() });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    messages,
    lastCodeFor: (phone) => [...messages].reverse().find((m) => m.to === phone)?.code,
    setFailing: (value) => {
      failing = value;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
