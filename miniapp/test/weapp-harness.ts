/**
 * Shared scaffolding for the tests of the built weapp artifact (weapp-*.test.ts): building dist/weapp
 * when stale, and hosting a built page in miniprogram-simulate (Page() adapted to Component()).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
/** The built weapp under test: WEAPP_DIR, or miniapp/dist/weapp. */
export const DIST = process.env.WEAPP_DIR ?? path.join(ROOT, 'dist/weapp');
/** The API origin compiled into the weapp build (config/index.ts). */
export const BUILT_ORIGIN = 'http://127.0.0.1:3000';

const SOURCES = [path.join(ROOT, 'src'), path.join(ROOT, 'config'), path.resolve(ROOT, '../shared/src')];

export interface WxRequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  success?: (res: { statusCode: number; data: unknown; header: Record<string, string>; errMsg: string }) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
}
export type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };
type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };
export interface Simulated {
  dom: HTMLElement;
  instance: Record<string, unknown>;
  attach(parent: Element): void;
  querySelector(selector: string): Simulated | undefined;
  querySelectorAll(selector: string): Simulated[];
  dispatchEvent(name: string, options?: Record<string, unknown>): void;
}
export interface Simulate {
  load(componentPath: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): Simulated;
  sleep(ms: number): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the weapp when it is missing or older than the sources (a given WEAPP_DIR is taken as built). */
export function ensureWeappBuild(): void {
  const built = path.join(DIST, 'app.js');
  if (fs.existsSync(built) && (process.env.WEAPP_DIR || fs.statSync(built).mtimeMs >= Math.max(...SOURCES.map(newestMtime)))) return;
  // Jest sets NODE_ENV=test, which would make Taro emit a non-production (3x larger) build.
  execFileSync('npm', ['run', 'build:weapp'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', MINIAPP_OUT_DIR: DIST }, stdio: 'pipe', timeout: 600_000 });
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

/** Runs the built app.js, launches it on `pagePath` (e.g. 'pages/jobs/index') and attaches that built page to the document. */
export function renderBuiltPage(pagePath: string): { simulate: Simulate; page: Simulated } {
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
  (appInstance.onLaunch as ((o: unknown) => void) | undefined)?.call(appInstance, { path: pagePath, query: {} });

  const id = simulate.load(path.join(DIST, pagePath), { rootPath: DIST });
  const page = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  page.attach(parent);
  return { simulate, page };
}

/** Polls every 20 ms until `check` holds; fails after `tries` polls, saying what never happened. */
export async function until(check: () => boolean, what: string | (() => string), simulate: Simulate, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (check()) return;
    await simulate.sleep(20);
  }
  throw new Error(`never happened: ${typeof what === 'string' ? what : what()}`);
}

/** Waits (up to 2 s) until `text` is in the page. */
export function waitForText(root: HTMLElement, text: string, simulate: Simulate): Promise<void> {
  return until(() => root.textContent?.includes(text) ?? false, () => `"${text}" appeared; page text: ${root.textContent ?? ''}`, simulate, 100);
}
