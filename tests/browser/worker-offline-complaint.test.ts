import { join } from 'node:path';
import { ComplaintListResponseSchema, ComplaintSchema } from '@zhuanyi/shared';
import { apiJson, signedInPhone, workerBySms } from '../support/bff-api';
import { repoRoot } from '../support/bff-process';
import { watchedPage } from '../support/browser';
import { useBffAndBrowser } from '../support/h5-suite';
import { exact, input, settledScreenshot, shown, tapText } from '../support/taro-page';

const PHOTO = join(repoRoot, 'tests/fixtures/payslip.png');

describe('a complaint with a photo filed while the network drops (H5)', () => {
  const suite = useBffAndBrowser();

  it('when the photo upload fails for want of network, then the form and photo are kept, and 再次提交 files no second case and uploads the photo once with the same keys', async () => {
    const { bff, browser } = suite;
    const worker = await workerBySms(bff, '13900009911');
    const context = await signedInPhone(browser, worker);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    const sent: Array<{ path: string; key: string | undefined }> = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.method() === 'POST' && path.startsWith('/api/v1/complaints')) sent.push({ path, key: r.headers()['idempotency-key'] });
    });

    await page.goto(`${bff.baseUrl}/#/pages/complaint-new/index`);
    await shown(page, '第 1 步，共 5 步').waitFor({ timeout: 20_000 });
    await tapText(page, '是，工程建设（工地）');
    await tapText(page, '只知道包工头');
    await input(page, '比如：王老板、某某建筑公司').fill('王老板');
    for (const step of [2, 3, 4, 5]) {
      // Nothing is ticked for the worker on 你想要什么: they choose 要回工资 themselves.
      if (step === 5) await tapText(page, '要回工资');
      await tapText(page, '下一步');
      await shown(page, `第 ${step} 步，共 5 步`).waitFor();
    }
    const chooser = page.waitForEvent('filechooser');
    await tapText(page, '拍照或选照片');
    await (await chooser).setFiles(PHOTO);
    await exact(page, 'payslip.png').waitFor();

    // The case is filed, then the network drops before the photo gets through.
    await page.route('**/api/v1/complaints/*/evidence', (route) => route.abort('internetdisconnected'));
    await tapText(page, '下一步：核对内容');
    await tapText(page, '确认提交');
    await shown(page, '网络不通，你填的内容已保存在手机上').waitFor({ timeout: 30_000 });
    await exact(page, 'payslip.png').waitFor();
    await settledScreenshot(page, 'offline-01-upload-dropped');
    // Taro H5 keeps storage as {"data": value}; the draft itself is JSON text.
    // Drafts are kept per account: draft.complaint:<account>.
    const raw = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('draft.complaint:'))?.[1] ?? '');
    const kept = JSON.parse((JSON.parse(raw) as { data: string }).data) as { resultId: string | null; files: Array<{ name: string; uploaded: boolean }> };
    expect(kept.files.map((f) => [f.name, f.uploaded])).toEqual([['payslip.png', false]]);
    expect(kept.resultId).toMatch(/^[0-9a-f]{24}$/);

    // Network back: 再次提交.
    await page.unroute('**/api/v1/complaints/*/evidence');
    await tapText(page, '再次提交');
    await shown(page, '投诉已提交').waitFor({ timeout: 30_000 });
    await shown(page, '已上传 1 个证据').waitFor();
    await settledScreenshot(page, 'offline-02-resubmitted');
    expect(await page.evaluate(() => localStorage.getItem('draft.complaint'))).toBeNull();

    const files = sent.filter((s) => s.path.endsWith('/evidence'));
    expect(files).toHaveLength(2);
    expect(files[0]?.key).toBeDefined();
    expect(files[1]?.key).toBe(files[0]?.key);
    expect(sent.filter((s) => s.path === '/api/v1/complaints')).toHaveLength(1);

    const mine = ComplaintListResponseSchema.parse(await apiJson(bff, '/complaints', { token: worker.accessToken }));
    expect(mine.items).toHaveLength(1);
    const id = mine.items[0]?.id ?? '';
    const one = ComplaintSchema.parse(await apiJson(bff, `/complaints/${id}`, { token: worker.accessToken }));
    expect(one.evidence.map((e) => e.filename)).toEqual(['payslip.png']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
