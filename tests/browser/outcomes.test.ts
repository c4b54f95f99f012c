import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IndicatorReportSchema, JobListResponseSchema, MonthlyReportSchema, RegistryDetailSchema, TeamSchema, WatchCountsSchema, chinaDateOf } from '@zhuanyi/shared';
import { seedAreaCodes } from '../../bff/src/seed/seed';
import { registrationOf } from '../../bff/src/test-support/broker-rows';
import { apiJson, staffByPassword } from '../support/bff-api';
import { newPhoneContext, watchedPage } from '../support/browser';
import { BROKER, STAFF } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { staffSignIn } from '../support/sign-in-pages';
import { settledScreenshot, shown, tapText } from '../support/taro-page';

describe('outcomes reach the registry, the watch and the monthly report (H5 served by the BFF)', () => {
  const suite = useBffAndBrowser();

  async function api<S extends z.ZodType>(method: string, path: string, token: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    return schema.parse(await apiJson(suite.bff, path, { method, body, token, key: randomUUID() }));
  }
  const stockOf = (r: { indicators: { indicators: Array<{ key: string; actual: number }> } }) => r.indicators.indicators.find((i) => i.key === 'transferredStock')?.actual ?? -1;

  it('when staff confirm that four workers arrived in Shanghai, then the registry says employed out of province, the watch moves them from orange to yellow and the monthly report counts four more people in work', async () => {
    const { bff, browser } = suite;
    const area = seedAreaCodes()[0];
    if (!area) throw new Error('no seed area');
    const today = chinaDateOf(new Date());
    const month = today.slice(0, 7);
    const broker = (await staffByPassword(bff, BROKER)).accessToken;
    const staff = (await staffByPassword(bff, STAFF)).accessToken;
    const people: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const p = await api('POST', '/brokers/me/people', broker, z.object({ worker: z.object({ id: z.string() }) }), {
        consent: { given: true, method: 'signed_form' },
        registration: registrationOf(5100 + i, area.village),
      });
      people.push(p.worker.id);
    }
    const jobs = await api('GET', '/jobs?limit=50', broker, JobListResponseSchema);
    const job = jobs.items.find((j) => j.regionCode.startsWith('31'));
    if (!job) throw new Error('no Shanghai job');
    const team = await api('POST', '/brokers/me/teams', broker, TeamSchema, { name: '保康镇赴上海务工联队', jobId: job.id, memberIds: people });
    await api('POST', `/brokers/me/teams/${team.id}/application`, broker, TeamSchema);
    await api('POST', `/brokers/me/teams/${team.id}/stages`, broker, TeamSchema, { stage: 'departed', on: today, transport: 'organized_train' });
    await api('POST', `/brokers/me/teams/${team.id}/stages`, broker, TeamSchema, { stage: 'arrived', on: today });

    // Before: enrolled and colored at once (unemployed → orange); the report's figures as they stand.
    const before = RegistryDetailSchema.parse(await apiJson(bff, `/registry/workers/${people[0] ?? ''}`, { token: staff }));
    expect([before.status, before.watch.color]).toEqual(['unemployed', 'orange']);
    const reportBefore = await api('GET', `/reports/monthly?month=${month}`, staff, MonthlyReportSchema);
    const watchBefore = await api('GET', '/watch/counts', staff, WatchCountsSchema);

    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    await staffSignIn(page, bff, STAFF);
    await tapText(page, '联队进度确认');
    const teamCard = page.locator('.zy-staff-card').filter({ visible: true }).filter({ hasText: '保康镇赴上海务工联队' });
    await teamCard.waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'outcomes-01-confirm-arrival');
    await teamCard.getByText('确认', { exact: true }).first().tap();
    await teamCard.locator('[data-testid="stage-row"]').nth(1).waitFor({ state: 'detached', timeout: 20_000 });
    await teamCard.getByText('确认', { exact: true }).first().tap();
    await teamCard.waitFor({ state: 'detached', timeout: 20_000 });

    // The registry: employed, out of province, in Shanghai since today; the history keeps the arrival.
    for (const id of people) {
      const d = RegistryDetailSchema.parse(await apiJson(bff, `/registry/workers/${id}`, { token: staff }));
      expect([d.status, d.employment.location, d.employment.startedOn, d.watch.color]).toEqual(['employed', 'out_of_province', today, 'yellow']);
    }
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/person/index?id=${people[0] ?? ''}`);
    await shown(page, '已就业（务工）').waitFor({ timeout: 20_000 });
    await shown(page, '黄色关注').waitFor();
    await settledScreenshot(page, 'outcomes-02-registry-employed');

    // The watch: four fewer orange, four more yellow, in the village.
    const watchAfter = await api('GET', '/watch/counts', staff, WatchCountsSchema);
    expect(watchAfter.totals.orange).toBe(watchBefore.totals.orange - 4);
    expect(watchAfter.totals.yellow).toBe(watchBefore.totals.yellow + 4);
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/watch/index`);
    await shown(page, watchAfter.villages.find((v) => v.regionCode === area.village)?.regionName ?? '—').waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'outcomes-03-watch');

    // The monthly report: four more people in work, out of the city, and four more started this month.
    const reportAfter = await api('GET', `/reports/monthly?month=${month}`, staff, MonthlyReportSchema);
    expect(stockOf(reportAfter)).toBe(stockOf(reportBefore) + 4);
    expect(reportAfter.transfers.month.total).toBe(reportBefore.transfers.month.total + 4);
    expect(reportAfter.transfers.month.outOfRegion).toBe(reportBefore.transfers.month.outOfRegion + 4);
    expect(reportAfter.targets.transfers.actual).toBe(reportBefore.targets.transfers.actual + 4);
    const week = await api('GET', `/reports/indicators?period=week&on=${today}`, staff, IndicatorReportSchema);
    expect(week.indicators.find((i) => i.key === 'transferredNew')?.inPeriod).toBeGreaterThanOrEqual(4);
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/report/index`);
    const indicators = page.locator('[data-testid="indicators"]').filter({ visible: true });
    await indicators.waitFor({ timeout: 20_000 });
    await indicators.getByText('转移就业人数（在岗）', { exact: true }).waitFor();
    await indicators.getByText(/期末处于就业状态/).waitFor();
    await indicators.scrollIntoViewIfNeeded();
    await settledScreenshot(page, 'outcomes-04-report-indicators');

    // The staff home lists the follow-up tasks the color changes created.
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/home/index`);
    const followUps = page.locator('[data-testid="follow-ups"]').filter({ visible: true });
    await followUps.waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'outcomes-05-home-follow-ups');
    expect(errors).toEqual([]);
    await context.close();
  });
});
