/**
 * A broker's xlsx that unpacks to ~500 MB is refused quickly, and the BFF keeps answering /healthz
 * while three of them are uploaded at once (the zip directory is read, nothing is inflated on the
 * main thread; sheets that are read go to a worker thread).
 */
import { ErrorBodySchema } from '@zhuanyi/shared';
import { xlsxBomb, type XlsxBomb } from '../../bff/src/test-support/xlsx-bomb';
import { staffByPassword } from '../support/bff-api';
import { startBff, type RunningBff } from '../support/bff-process';
import { BROKER } from '../support/demo-accounts';

jest.setTimeout(240_000);

let bff: RunningBff;
let bomb: XlsxBomb;
let token = '';
let blob: Blob;

beforeAll(async () => {
  [bff, bomb] = await Promise.all([startBff({ PES_FAKE: 'false', PES_ENABLED: 'false' }), xlsxBomb()]);
  token = (await staffByPassword(bff, BROKER)).accessToken;
  blob = new Blob([new Uint8Array(bomb.buffer)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  await (await fetch(`${bff.baseUrl}/healthz`)).arrayBuffer(); // a warm connection: the probes time the server, not the handshake
}, 200_000);
afterAll(async () => bff?.stop());

function uploadBomb(): Promise<{ status: number; body: unknown; ms: number }> {
  const form = new FormData();
  form.append('file', blob, '人员名单.xlsx');
  const t0 = performance.now();
  return fetch(`${bff.baseUrl}/api/v1/brokers/me/imports`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
    ms: performance.now() - t0,
  }));
}

describe('a spreadsheet that unpacks to hundreds of megabytes', () => {
  it('when three are uploaded at once, then each is refused with 413 and a Chinese reason within seconds, and /healthz answers throughout', async () => {
    expect(bomb.buffer.length).toBeGreaterThan(1024 * 1024);
    expect(bomb.buffer.length).toBeLessThan(5 * 1024 * 1024); // under the upload limit: only the unpacked size gives it away
    expect(bomb.textBytes).toBeGreaterThan(500 * 1000 * 1000);

    const latencies: number[] = [];
    let done = false;
    const probe = (async () => {
      while (!done) {
        const t0 = performance.now();
        const r = await fetch(`${bff.baseUrl}/healthz`);
        await r.arrayBuffer();
        latencies.push(performance.now() - t0);
        expect(r.status).toBe(200);
        await new Promise((res) => setTimeout(res, 5));
      }
    })();
    const answers = await Promise.all([uploadBomb(), uploadBomb(), uploadBomb()]);
    done = true;
    await probe;

    for (const a of answers) {
      expect(a.status).toBe(413);
      const body = ErrorBodySchema.parse(a.body);
      expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(body.error.message).toBe('这个表格解压后超过 20 MB，不像人员名单，没有导入。请只保留名单这一页，用模板重新保存后再导入');
      // "Quickly": inflating 500 MB alone would take many seconds; reading the zip directory takes milliseconds.
      expect(a.ms).toBeLessThan(10_000);
    }
    // A liveness property, not a benchmark: inflating and parsing 500 MB on the main thread would
    // block it for many seconds, so every probe must come back within 1 s. The bound is generous
    // (the goal is 100 ms; measured figures are printed) because the test's own client shares a
    // busy 2-core machine with other test runs and its scheduling noise alone reaches 100-200 ms.
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(latencies.length).toBeGreaterThan(0);
    process.stdout.write(`bomb ${bomb.buffer.length} bytes; /healthz during 3 uploads: ${latencies.length} probes, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms (${latencies.map((l) => l.toFixed(0)).join(' ')}), max ${sorted[sorted.length - 1]?.toFixed(1)} ms; uploads ${answers.map((a) => a.ms.toFixed(0)).join(', ')} ms\n`);
    expect(sorted[sorted.length - 1]).toBeLessThan(1000);
  });
});
