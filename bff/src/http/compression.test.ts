import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { testApp } from '../test-support/test-app';

const db = { kind: 'embedded' as const, ping: () => Promise.resolve() };

/** The raw bytes and headers over real HTTP, undecoded (supertest would unzip). */
async function raw(app: ReturnType<typeof testApp>['app'], path: string, encoding = 'identity') {
  const server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      }).on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('response compression', () => {
  it('when a client accepts gzip, then a large JSON answer comes gzipped and unzips to the same JSON; without it, plain', async () => {
    const { app } = testApp(db);
    const plain = await raw(app, '/api/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const doc = JSON.parse(plain.body.toString('utf8')) as { openapi: string };
    expect(doc.openapi).toMatch(/^3\.1/);
    const zipped = await raw(app, '/api/openapi.json', 'gzip');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(doc);
  });

  it('when an answer is small, then it is sent as is even to a client that accepts gzip', async () => {
    const { app } = testApp(db);
    const small = await raw(app, '/healthz', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toBeTruthy();
  });
});
