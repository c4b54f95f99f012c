import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
