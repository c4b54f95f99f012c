import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import type request from 'supertest';
import { ErrorBodySchema } from '@zhuanyi/shared';
import { testApp } from '../test-support/test-app';
import { inlineScriptHashes } from './security-headers';

const db = { kind: 'embedded' as const, ping: () => Promise.resolve() };

describe('H5 build at /', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhuanyi-h5-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>转移就业</title>');
    writeFileSync(join(dir, 'js', 'app.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the folder exists, then / serves index.html and assets are served with caching', async () => {
    const { http } = testApp(db, { h5Dir: dir });
    const page = await http().get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('转移就业');
    const js = await http().get('/js/app.js').expect(200);
    expect(js.headers['cache-control']).toMatch(/max-age=\d+/);
  });

  it('when an API path or a missing file is asked, then the JSON error body answers, not the page', async () => {
    const { http } = testApp(db, { h5Dir: dir });
    expect(ErrorBodySchema.parse((await http().get('/api/v1/nothing').expect(404)).body).error.code).toBe('NOT_FOUND');
    expect(ErrorBodySchema.parse((await http().get('/js/missing.js').expect(404)).body).error.code).toBe('NOT_FOUND');
    await http().get('/healthz').expect(200);
  });

  it('when the folder does not exist, then / is a 404 error body', async () => {
    const { http } = testApp(db, { h5Dir: join(dir, 'not-built') });
    expect(ErrorBodySchema.parse((await http().get('/').expect(404)).body).error.code).toBe('NOT_FOUND');
  });
});

describe('H5 assets on a weak signal', () => {
  let dir: string;
  const script = join(__dirname, '../../../miniapp/scripts/precompress.mjs');
  const bundle = `var jobs=[${Array.from({ length: 400 }, (_, i) => `{title:"招聘电焊工${i}",pay:${i}}`).join(',')}];`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhuanyi-h5-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>转移就业</title>${'<div>岗位</div>'.repeat(200)}`);
    writeFileSync(join(dir, 'js', 'app.1a2b3c4d.js'), bundle);
    writeFileSync(join(dir, 'js', 'tiny.5e6f7a8b.js'), 'console.log(1)');
    execFileSync(process.execPath, [script, dir]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the build is precompressed, then a browser accepting brotli gets the .br copy and one accepting gzip the .gz copy, each decoding to the file', async () => {
    expect(existsSync(join(dir, 'js', 'app.1a2b3c4d.js.br'))).toBe(true);
    // Too small to gain: left as is.
    expect(existsSync(join(dir, 'js', 'tiny.5e6f7a8b.js.br'))).toBe(false);
    const { http } = testApp(db, { h5Dir: dir });
    const raw = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const br = await http().get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'br, gzip').buffer(true).parse(raw).expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    // The client decodes it (as a browser does); the bytes sent are the brotli copy's.
    expect((br.body as Buffer).toString()).toBe(bundle);
    expect(Number(br.headers['content-length'])).toBe(brotliCompressSync(bundle, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(bundle) } }).length);
    expect(Number(br.headers['content-length'])).toBeLessThan(Buffer.byteLength(bundle) / 4);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    const gz = await http().get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'gzip').buffer(true).parse(raw).expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect((gz.body as Buffer).toString()).toBe(bundle);
    expect(Number(gz.headers['content-length'])).toBeLessThan(Buffer.byteLength(bundle) / 4);
    const plain = await http().get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'identity').buffer(true).parse(raw).expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('when a hashed asset is served, then it is cached for a year as immutable, while the page is revalidated every time', async () => {
    const { http } = testApp(db, { h5Dir: dir });
    const js = await http().get('/js/app.1a2b3c4d.js').expect(200);
    expect(js.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    const page = await http().get('/').set('Accept-Encoding', 'br').expect(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-encoding']).toBe('br');
  });
});

describe('content security policy of the H5 page', () => {
  let dir: string;
  const bootstrap = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhuanyi-h5-csp-'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><head><script>${bootstrap}</script><script defer src="/js/app.js"></script></head><div id="app"></div>`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("when the page is served, then its inline bootstrap script is allowed by hash and script-src has no 'unsafe-inline'", async () => {
    const { http } = testApp(db, { h5Dir: dir });
    const csp = String((await http().get('/').expect(200)).headers['content-security-policy']);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(bootstrap).digest('base64')}'`);
    expect(inlineScriptHashes(`<script src="/x.js"></script>`)).toEqual([]);
  });
});

describe('web fonts at /fonts', () => {
  it.each(['noto-sans-mongolian.woff2', 'noto-naskh-arabic.woff2', 'noto-serif-tibetan.woff2', 'noto-sans-mongolian-offline.woff2', 'noto-naskh-arabic-offline.woff2', 'noto-serif-tibetan-offline.woff2'])(
    'when %s is asked, then it is served as woff2 with long caching and open to the weapp',
    async (file) => {
      const { http } = testApp(db);
      const res = await http().get(`/fonts/${file}`).buffer(true).expect(200);
      expect(res.headers['content-type']).toBe('font/woff2');
      expect(res.headers['cache-control']).toMatch(/max-age=\d{6,}/);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const body = res.body as Buffer;
      expect(body.subarray(0, 4).toString('latin1')).toBe('wOF2');
    },
  );

  it('when a font is missing or the path climbs out, then the JSON 404 answers', async () => {
    const { http } = testApp(db);
    expect(ErrorBodySchema.parse((await http().get('/fonts/none.woff2').expect(404)).body).error.code).toBe('NOT_FOUND');
    await http().get('/fonts/../package.json').expect(404);
  });
});
