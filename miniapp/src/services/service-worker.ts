/** Where the first screen's files live; the service worker keeps these for offline use. */
const KEPT_PATHS = /^\/(js|css|fonts)\//;
/** After the first screen, so the worker's own download never slows it on a weak signal. */
const REGISTER_DELAY_MS = 3000;

/** Same-origin files the page loaded so far (hashed scripts, styles, fonts) plus the page itself. */
export function firstScreenUrls(entries: readonly { name: string }[], origin: string): string[] {
  const urls = new Set<string>([`${origin}/`]);
  for (const entry of entries) {
    const url = new URL(entry.name, origin);
    if (url.origin === origin && KEPT_PATHS.test(url.pathname)) urls.add(`${url.origin}${url.pathname}`);
  }
  return [...urls];
}

const hasWorkers = (): boolean =>
  process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && 'serviceWorker' in navigator;

function keepNow(registration: ServiceWorkerRegistration): void {
  const urls = firstScreenUrls(performance.getEntriesByType('resource'), window.location.origin);
  registration.active?.postMessage({ type: 'keep', urls });
}

/** H5: once the worker runs, it keeps the files loaded so far too (a language's catalog fetched after the first screen). */
export function keepLoadedFiles(): void {
  if (!hasWorkers()) return;
  navigator.serviceWorker.ready.then(keepNow).catch(() => undefined);
}

/**
 * H5 only: registers /sw.js (miniapp/h5-static/sw.js: a Chinese offline page, and the app itself for a reload
 * without network) once the page has loaded, then hands it the files already loaded (they come from the
 * HTTP cache, not the network).
 */
export function registerServiceWorker(): void {
  if (!hasWorkers()) return;
  const register = (): void => {
    window.setTimeout(() => {
      navigator.serviceWorker
        .register('/sw.js')
        .then(() => navigator.serviceWorker.ready)
        .then(keepNow)
        .catch(() => {
          // No worker (a dev build, a private window): the app works the same, only not offline.
        });
    }, REGISTER_DELAY_MS);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
