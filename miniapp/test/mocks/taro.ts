/**
 * A small stand-in for @tarojs/taro in jsdom: requests go to `requestHandler`,
 * storage is a Map, page hooks record their callbacks so tests can fire them.
 */
export interface MockRequestOptions {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  timeout?: number;
}
export interface MockResponse {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
}
type Handler = (options: MockRequestOptions) => MockResponse | Promise<MockResponse>;

const storage = new Map<string, unknown>();
let handler: Handler = () => {
  throw new Error('no request handler set: call setRequestHandler() in the test');
};
export const requests: MockRequestOptions[] = [];
/** Titles of the toasts shown (Taro.showToast), oldest first. */
export const toasts: string[] = [];
export const pageHooks: { pullDownRefresh: Array<() => void>; reachBottom: Array<() => void> } = {
  pullDownRefresh: [],
  reachBottom: [],
};

export function setRequestHandler(next: Handler): void {
  handler = next;
}

export function resetTaroMock(): void {
  storage.clear();
  requests.length = 0;
  toasts.length = 0;
  pageHooks.pullDownRefresh.length = 0;
  pageHooks.reachBottom.length = 0;
}

function request(options: MockRequestOptions) {
  requests.push(options);
  let aborted = false;
  const promise = (async () => {
    await Promise.resolve();
    const response = await handler(options);
    if (aborted) throw { errMsg: 'request:fail abort' };
    return response;
  })();
  return Object.assign(promise, {
    abort: () => {
      aborted = true;
    },
  });
}

const Taro = {
  request,
  getStorageSync: (key: string): unknown => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown): void => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string): void => {
    storage.delete(key);
  },
  setNavigationBarTitle: async (_options: { title: string }) => ({ errMsg: 'setNavigationBarTitle:ok' }),
  stopPullDownRefresh: async () => ({ errMsg: 'stopPullDownRefresh:ok' }),
  pageScrollTo: async (_options: { scrollTop?: number; selector?: string; duration?: number }) => ({ errMsg: 'pageScrollTo:ok' }),
  showToast: async (options: { title: string; icon?: string; duration?: number }) => {
    toasts.push(options.title);
    return { errMsg: 'showToast:ok' };
  },
};

export function useShareAppMessage(_callback: () => { title?: string; path?: string }): void {}

export function usePullDownRefresh(callback: () => void): void {
  pageHooks.pullDownRefresh.push(callback);
}
export function useReachBottom(callback: () => void): void {
  pageHooks.reachBottom.push(callback);
}

export default Taro;

export function useDidShow(_callback: () => void): void {
  // Pages are shown once in tests; the mount effect already loads.
}
export function useRouter(): { params: Record<string, string> } {
  return { params: {} };
}
