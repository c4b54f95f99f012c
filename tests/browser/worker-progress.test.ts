import { ApplyResultSchema, CourseListResponseSchema, EnrollResultSchema, JobListResponseSchema } from '@zhuanyi/shared';
import { apiJson, signedInPhone, staffByPassword, workerBySms } from '../support/bff-api';
import { watchedPage } from '../support/browser';
import { ADMIN, STAFF } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { exact, settledScreenshot, shown, tapText } from '../support/taro-page';

describe('staff move a worker’s application and course sign-up forward; the worker sees it (H5)', () => {
  const suite = useBffAndBrowser();

  it('when an officer marks the application contacted then hired, and staff confirm, start and pass the sign-up, then 我的岗位报名 shows 已录用 and 我的培训 shows 已结业', async () => {
    const { bff, browser } = suite;
    const worker = await workerBySms(bff, '13900007788');
    const job = JobListResponseSchema.parse(await apiJson(bff, '/jobs?limit=1')).items[0];
    if (!job) throw new Error('no seeded job');
    ApplyResultSchema.parse(await apiJson(bff, `/jobs/${job.id}/applications`, { body: {}, token: worker.accessToken, key: 'progress-apply-0001' }));
    const course = CourseListResponseSchema.parse(await apiJson(bff, '/courses?regionCode=150521&limit=50')).items.find((c) => c.signUpOpen);
    if (!course) throw new Error('no open course in 150521');
    EnrollResultSchema.parse(await apiJson(bff, `/courses/${course.id}/enrollments`, { body: {}, token: worker.accessToken, key: 'progress-enrol-0001' }));

    // The job is far from home (no county officer's): an admin moves the application.
    const admin = await staffByPassword(bff, ADMIN);
    const adminContext = await signedInPhone(browser, admin);
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${bff.baseUrl}/#/packages/staff/pages/home/index`);
    await tapText(adminPage, '岗位报名');
    await shown(adminPage, `岗位：${job.title}`).waitFor({ timeout: 20_000 });
    await settledScreenshot(adminPage, 'progress-01-staff-applications');
    await tapText(adminPage, '标记已联系');
    await shown(adminPage, '已更新为“已联系”').waitFor({ timeout: 20_000 });
    await tapText(adminPage, '标记已录用');
    await shown(adminPage, '已更新为“已录用”').waitFor({ timeout: 20_000 });
    expect(await exact(adminPage, '标记已联系').count()).toBe(0);
    expect(await exact(adminPage, '标记未录用').count()).toBe(0);
    await settledScreenshot(adminPage, 'progress-02-staff-hired');
    await adminContext.close();

    // The county officer moves the sign-up of a course in their county.
    const staff = await staffByPassword(bff, STAFF);
    const staffContext = await signedInPhone(browser, staff);
    const staffPage = await staffContext.newPage();
    await staffPage.goto(`${bff.baseUrl}/#/packages/staff/pages/home/index`);
    await tapText(staffPage, '培训报名');
    await shown(staffPage, `课程：${course.title}`).waitFor({ timeout: 20_000 });
    await settledScreenshot(staffPage, 'progress-03-staff-enrollments');
    await tapText(staffPage, '确认报名');
    await shown(staffPage, '已更新为“已确认”').waitFor({ timeout: 20_000 });
    await tapText(staffPage, '开始培训');
    await shown(staffPage, '已更新为“培训中”').waitFor({ timeout: 20_000 });
    await tapText(staffPage, '结业合格');
    await shown(staffPage, '已更新为“已结业”').waitFor({ timeout: 20_000 });
    await settledScreenshot(staffPage, 'progress-04-staff-passed');
    await staffContext.close();

    const workerContext = await signedInPhone(browser, worker);
    const errors: string[] = [];
    const page = await watchedPage(workerContext, errors);
    await page.goto(`${bff.baseUrl}/#/pages/applications/index`);
    await exact(page, '已录用').first().waitFor({ timeout: 20_000 });
    expect(await exact(page, '撤回报名').count()).toBe(0);
    await settledScreenshot(page, 'progress-05-worker-hired');
    await page.goto(`${bff.baseUrl}/#/pages/enrollments/index`);
    await exact(page, '已结业').first().waitFor({ timeout: 20_000 });
    expect(await exact(page, '取消报名').count()).toBe(0);
    await settledScreenshot(page, 'progress-06-worker-completed');
    expect(errors).toEqual([]);
    await workerContext.close();
  });
});
