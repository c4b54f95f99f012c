/**
 * @jest-environment jsdom
 *
 * Checks the built weapp artifact, not the source: miniprogram-simulate compiles the real
 * dist/weapp templates with WeChat's wcc, runs the built app.js and page js (Page() adapted to
 * Component()), serves GET /api/v1/jobs from a mocked wx.request, and taps through the page.
 * Builds dist/weapp first when it is missing or older than the sources.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist/weapp');
const SOURCES = [path.join(ROOT, 'src'), path.join(ROOT, 'config'), path.resolve(ROOT, '../shared/src')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

function ensureWeappBuild(): void {
  const built = path.join(DIST, 'app.js');
  const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < Math.max(...SOURCES.map(newestMtime));
  if (stale) {
    // Jest sets NODE_ENV=test, which would make Taro emit a non-production (3x larger) build.
    const env = { ...process.env, NODE_ENV: 'production' };
    execFileSync('npm', ['run', 'build:weapp'], { cwd: ROOT, env, stdio: 'pipe', timeout: 240_000 });
  }
}

interface WxRequestOptions {
  url: string;
  method?: string;
  header?: Record<string, string>;
  success?: (res: { statusCode: number; data: unknown; header: Record<string, string>; errMsg: string }) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
}
type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };
interface Simulated {
  dom: HTMLElement;
  instance: Record<string, unknown>;
  attach(parent: Element): void;
  querySelector(selector: string): Simulated | undefined;
  querySelectorAll(selector: string): Simulated[];
  dispatchEvent(name: string, options?: Record<string, unknown>): void;
}
interface Simulate {
  load(componentPath: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): Simulated;
  sleep(ms: number): Promise<void>;
}

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

/** Turns a Page() definition into a Component() one so j-component can host it. */
function adaptPageToComponent(options: PageOptions): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value;
  return {
    data: options.data ?? {},
    methods,
    lifetimes: {
      attached(this: Record<string, (arg?: unknown) => void>) {
        this.onLoad?.({});
        this.onShow?.();
      },
      ready(this: Record<string, () => void>) {
        this.onReady?.();
      },
      detached(this: Record<string, () => void>) {
        this.onUnload?.();
      },
    },
  };
}

async function waitForText(root: HTMLElement, text: string, simulate: Simulate): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (root.textContent?.includes(text)) return;
    await simulate.sleep(20);
  }
  throw new Error(`"${text}" never appeared; page text: ${root.textContent ?? ''}`);
}

describe('weapp artifact: jobs page', () => {
  jest.setTimeout(300_000);

  it('when the built page loads jobs through wx.request, then their titles render and taps on 加载更多 and a trade chip reach their handlers', async () => {
    ensureWeappBuild();
    installWx();
    const g = globalThis as unknown as Record<string, unknown>;
    const simulate = jest.requireActual<Simulate>('miniprogram-simulate');
    const Component = g.Component as (options: Record<string, unknown>) => void;
    let appInstance: Record<string, unknown> = {};
    g.App = (options: Record<string, unknown>) => {
      appInstance = options;
    };
    g.getApp = () => appInstance;
    g.getCurrentPages = () => [];
    g.Page = (options: PageOptions) => Component(adaptPageToComponent(options));

    jest.requireActual(path.join(DIST, 'app.js'));
    (appInstance.onLaunch as ((o: unknown) => void) | undefined)?.call(appInstance, { path: 'pages/jobs/index', query: {} });

    const id = simulate.load(path.join(DIST, 'pages/jobs/index'), { rootPath: DIST });
    const page = simulate.render(id);
    const parent = document.createElement('parent-wrapper');
    document.body.appendChild(parent);
    page.attach(parent);

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
