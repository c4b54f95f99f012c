import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorBodySchema } from '@zhuanyi/shared';
import { testApp } from '../test-support/test-app';

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

describe('web fonts at /fonts', () => {
  it.each(['noto-sans-mongolian.woff2', 'noto-naskh-arabic.woff2', 'noto-serif-tibetan.woff2'])(
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
