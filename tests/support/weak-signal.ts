import type { BrowserContext, CDPSession, Locator, Page } from 'playwright-core';

/** A weak rural signal: 400 kbps each way, 400 ms latency (Chromium's network emulation over CDP). */
export const WEAK_SIGNAL = { downloadKbps: 400, uploadKbps: 400, latencyMs: 400 } as const;

/** Emulates `WEAK_SIGNAL` (or offline) for `page` and returns the CDP session that does it. */
export async function emulateNetwork(context: BrowserContext, page: Page, offline = false): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline,
    latency: WEAK_SIGNAL.latencyMs,
    downloadThroughput: (WEAK_SIGNAL.downloadKbps * 1000) / 8,
    uploadThroughput: (WEAK_SIGNAL.uploadKbps * 1000) / 8,
  });
  return cdp;
}

export interface FirstScreen {
  /** Bytes over the wire (headers and bodies, as compressed) from navigation until the network is quiet. */
  firstPageBytes: number;
  /** From navigation to the first job card on screen. */
  firstJobsMs: number;
  /** From navigation to the first loading sign (skeleton rows) on screen. */
  loadingSignMs: number;
  /** What was fetched, largest first: for reading a failure. */
  requests: { url: string; bytes: number }[];
}

/** Resolves with the ms since `start` when `target` is first visible (polling every 50 ms). */
async function visibleAfter(target: Locator, start: number, timeoutMs: number): Promise<number> {
  await target.waitFor({ state: 'visible', timeout: timeoutMs });
  return Date.now() - start;
}

/**
 * Opens the H5 app at `baseUrl` in a fresh page of `context` (empty cache) on a weak signal and measures
 * the first screen: bytes transferred, time to the loading sign and time to the first job card.
 */
export async function measureFirstScreen(context: BrowserContext, baseUrl: string, timeoutMs = 30_000): Promise<FirstScreen> {
  const page = await context.newPage();
  const cdp = await emulateNetwork(context, page);
  const urls = new Map<string, string>();
  const bytes = new Map<string, number>();
  let inFlight = 0;
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!urls.has(e.requestId)) inFlight += 1;
    urls.set(e.requestId, e.request.url);
    lastActivity = Date.now();
  });
  const done = (requestId: string, encoded: number): void => {
    inFlight -= 1;
    bytes.set(requestId, encoded);
    lastActivity = Date.now();
  };
  cdp.on('Network.loadingFinished', (e) => done(e.requestId, e.encodedDataLength));
  cdp.on('Network.loadingFailed', (e) => done(e.requestId, 0));

  const start = Date.now();
  const loading = visibleAfter(page.locator('.job-skeleton').first(), start, timeoutMs);
  const jobs = visibleAfter(page.locator('.job-card').first(), start, timeoutMs);
  await page.goto(`${baseUrl}/`, { waitUntil: 'commit', timeout: timeoutMs });
  const [loadingSignMs, firstJobsMs] = await Promise.all([loading, jobs]);
  // The first page is done when nothing has been in flight for 1.5 s (lazy chunks, fonts, the service worker's script).
  while (inFlight > 0 || Date.now() - lastActivity < 1500) await page.waitForTimeout(100);
  const requests = [...bytes.entries()]
    .map(([id, n]) => ({ url: urls.get(id) ?? id, bytes: n }))
    .sort((a, b) => b.bytes - a.bytes);
  await cdp.detach();
  await page.close();
  return { firstPageBytes: requests.reduce((sum, r) => sum + r.bytes, 0), firstJobsMs, loadingSignMs, requests };
}
