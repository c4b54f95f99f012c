/**
 * @jest-environment jsdom
 *
 * Checks the built weapp artifact, not the source: miniprogram-simulate compiles the real
 * dist/weapp templates with WeChat's wcc, runs the built app.js and page js (Page() adapted to
 * Component()), serves GET /api/v1/jobs from a mocked wx.request, and taps through the page.
 * Builds dist/weapp first when it is missing or older than the sources.
 */
import { ensureWeappBuild, renderBuiltPage, waitForText, type WxRequestOptions } from './weapp-harness';

const jobsOf = (titles: string[]) =>
  titles.map((title, i) => ({
    id: `w-${title}`,
    title,
    employerName: '吐鲁番市某纺织公司',
    employerVerified: i % 2 === 0,
    trade: '缝纫工',
    regionCode: '650402',
    regionName: '新疆吐鲁番市高昌区',
    payMinFen: 400000,
    payMaxFen: 550000,
    mealsAndLodging: true,
    transport: 'shuttle',
    publicWelfare: i === 0,
    openings: 30,
    deadline: null,
    createdAt: '2026-11-01T02:00:00.000Z',
  }));

const requested: string[] = [];

function installWx(): void {
  const wx = ((globalThis as unknown as { wx?: Record<string, unknown> }).wx ??= {});
  wx.request = (options: WxRequestOptions) => {
    requested.push(options.url);
    const cursor = /[?&]cursor=([^&]+)/.exec(options.url)?.[1];
    const data = cursor === 'p2'
      ? { items: jobsOf(['第二页：家政服务员']), nextCursor: null }
      : { items: jobsOf(['招聘熟练缝纫工', '纺织车间普工']), nextCursor: 'p2' };
    const timer = setTimeout(() => {
      options.success?.({ statusCode: 200, data, header: {}, errMsg: 'request:ok' });
      options.complete?.({});
    }, 5);
    return { abort: () => clearTimeout(timer), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
  };
}

describe('weapp artifact: jobs page', () => {
  jest.setTimeout(300_000);

  it('when the built page loads jobs through wx.request, then their titles render and taps on 加载更多 and a trade chip reach their handlers', async () => {
    ensureWeappBuild();
    installWx();
    const { simulate, page } = renderBuiltPage('pages/jobs/index');

    await waitForText(page.dom, '招聘熟练缝纫工', simulate);
    expect(page.dom.textContent).toContain('纺织车间普工');
    expect(page.dom.textContent).toContain('4,000–5,500 元/月');
    expect(page.dom.textContent).toContain('公益性岗位');
    expect(requested[0]).toBe('http://127.0.0.1:3000/api/v1/jobs?limit=20');

    // The first secondary button may be the sign-in invite above the list: pick 加载更多 by its text.
    const loadMore = page.querySelectorAll('.zy-button--secondary').find((b) => b.dom.textContent === '加载更多');
    expect(loadMore?.dom.textContent).toBe('加载更多');
    loadMore?.dispatchEvent('tap');
    await waitForText(page.dom, '第二页：家政服务员', simulate);
    expect(requested.at(-1)).toContain('cursor=p2');

    const chip = page.querySelectorAll('.zy-chip').find((c) => c.dom.textContent === '家政服务员');
    chip?.dispatchEvent('tap');
    for (let i = 0; i < 100 && !requested.at(-1)?.includes('trade='); i += 1) await simulate.sleep(20);
    expect(requested.at(-1)).toBe(`http://127.0.0.1:3000/api/v1/jobs?trade=${encodeURIComponent('家政服务员')}&limit=20`);
    await waitForText(page.dom, '招聘熟练缝纫工', simulate);
  });
});
