/** Job alerts in the H5 build: a worker subscribes in 我的, staff publish a matching job, and the (fake) SMS provider gets one notice. */
import { z } from 'zod';
import { MyJobAlertSchema, StaffEmployerListSchema, TokenPairSchema } from '@zhuanyi/shared';
import { startFakeNotify, type FakeNotify } from '../../bff/src/integrations/notify/fake-notify';
import { registrationOf } from '../../bff/src/test-support/broker-rows';
import { seedAreaCodes } from '../../bff/src/seed/seed';
import { agreeToPrivacy, api, apiJson, signedInPhone, staffByPassword } from '../support/bff-api';
import { watchedPage } from '../support/browser';
import { STAFF } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { settledScreenshot, shown, tapText } from '../support/taro-page';

const PHONE = '13900008801';

describe('job alerts on a phone (H5 build served by the BFF, SMS through a fake provider)', () => {
  let fake: FakeNotify;
  beforeAll(async () => {
    fake = await startFakeNotify();
  });
  afterAll(async () => {
    await fake.stop();
  });
  const suite = useBffAndBrowser(() => ({ SMS_BASE_URL: fake.baseUrl, SMS_API_KEY: fake.apiKey }));

  const smsOf = (template: string) => fake.sent.filter((s) => s.channel === 'sms' && s.to === PHONE && s.body.template === template);
  async function until<T>(get: () => T | undefined, what: string, ms = 30_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = get();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('when a registered worker subscribes in 我的 and staff then publish a matching job, then the worker gets exactly one SMS about it', async () => {
    const { bff, browser } = suite;
    const area = seedAreaCodes()[0];
    if (!area) throw new Error('no seed area');
    // The worker signs in with the code the (fake) SMS provider received, agrees, and registers wishing for 电焊工 in the home county.
    // The first call may meet a kept-alive socket the BFF has just closed (idle after start-up): try once more.
    await apiJson(bff, '/auth/sms/code', { body: { phone: PHONE } }).catch(() => apiJson(bff, '/auth/sms/code', { body: { phone: PHONE } }));
    const code = await until(() => (smsOf('LOGIN_CODE').at(-1)?.body.params as { code?: string } | undefined)?.code, 'the sign-in code');
    const worker = TokenPairSchema.parse(await apiJson(bff, '/auth/sms', { body: { phone: PHONE, code } }));
    await agreeToPrivacy(bff, worker.accessToken);
    await apiJson(bff, '/workers/me', {
      method: 'PUT',
      token: worker.accessToken,
      key: 'alerts-registration-1',
      body: registrationOf(8801, area.village, { phone: PHONE, jobIntention: { wantsJob: true, trades: ['电焊工'], locations: ['in_county'], expectedMonthlyPayFen: null } }),
    });

    const context = await signedInPhone(browser, worker);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    await page.goto(`${bff.baseUrl}/#/pages/me/index`);
    await shown(page, '还没有订阅岗位提醒').waitFor({ timeout: 30_000 });
    await settledScreenshot(page, 'job-alerts-01-offer');
    await tapText(page, '订阅岗位提醒');
    await shown(page, '停止提醒').waitFor({ timeout: 20_000 });
    await shown(page, '短信').waitFor();
    await shown(page, '每天最多提醒一次').waitFor();
    await settledScreenshot(page, 'job-alerts-02-subscribed');
    const mine = await api(bff, '/job-alerts/me', { token: worker.accessToken }, (v) => MyJobAlertSchema.parse(v));
    expect(mine.alert).toMatchObject({ trades: ['电焊工'], places: [{ code: area.county }], channel: 'sms' });

    // County staff publish a 电焊工 job in the county: the alert sweep runs at once and the notice goes out by SMS.
    const staff = await staffByPassword(bff, STAFF);
    const employers = await api(bff, '/staff/employers', { token: staff.accessToken }, (v) => StaffEmployerListSchema.parse(v));
    const employer = employers.items.find((e) => e.regionCode.startsWith(area.county));
    if (!employer) throw new Error('no employer in the county');
    const job = z.object({ id: z.string() }).parse(
      await apiJson(bff, '/staff/jobs', {
        token: staff.accessToken,
        body: { employerId: employer.id, title: '提醒测试电焊工', trade: '电焊工', regionCode: area.county, payMinFen: 600_000, payMaxFen: 800_000, openings: 3, contactName: '周经理', contactPhone: '13900001234' },
      }),
    );
    const notice = await until(() => smsOf('JOB_NOTICE')[0], 'the job notice SMS');
    expect(notice.body.params).toEqual({ title: '提醒测试电焊工', text: '有新岗位：提醒测试电焊工' });
    // Another matching job the same day: no second notice.
    await apiJson(bff, '/staff/jobs', {
      token: staff.accessToken,
      body: { employerId: employer.id, title: '当天第二个电焊工', trade: '电焊工', regionCode: area.county, payMinFen: 600_000, payMaxFen: 800_000, openings: 3, contactName: '周经理', contactPhone: '13900001234' },
    });
    await new Promise((r) => setTimeout(r, 3000));
    expect(smsOf('JOB_NOTICE')).toHaveLength(1);

    await page.reload();
    await shown(page, /最近一次提醒：.*有新岗位：提醒测试电焊工/).waitFor({ timeout: 30_000 });
    await shown(page, /最近一次提醒/).scrollIntoViewIfNeeded();
    await settledScreenshot(page, 'job-alerts-03-notice-shown');
    expect(job.id).toMatch(/^[0-9a-f]{24}$/);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
