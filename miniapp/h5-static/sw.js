/* global self, caches, fetch, Request */
/* Service worker of the H5 build (scripts/write-service-worker.mjs stamps the version and copies it to dist/h5).
 * - Pages (navigations): network first, so an online user always gets the newest index.html and with it the
 *   newest hashed scripts; offline, the last index.html kept here, else the static offline page.
 * - Hashed scripts, styles and fonts (/js, /css, /fonts): cache first; their names change with their content.
 * - /api: never touched; the app keeps its last job list itself (features/jobs/last-jobs.ts).
 * Versioned cache: every build has a new VERSION, so the browser installs the new worker at the next visit;
 * skipWaiting + clients.claim let it take over at once (safe: the page it serves is fetched network first and
 * names its own hashed files), and activate deletes the caches of older versions: no stale app code forever. */
const VERSION = '__SW_VERSION__';
const CACHE = `zy-h5-${VERSION}`;
const OFFLINE_URL = '/offline.html';
/** The offline page's Mongolian, Uyghur and Tibetan lines need these (a few KB each, only those lines' glyphs). */
const OFFLINE_FONTS = ['/fonts/noto-sans-mongolian-offline.woff2', '/fonts/noto-naskh-arabic-offline.woff2', '/fonts/noto-serif-tibetan-offline.woff2'];
const SHELL_URL = '/';
const IMMUTABLE = /^\/(js|css|fonts)\//;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache
          .add(new Request(OFFLINE_URL, { cache: 'reload' }))
          // A missing font must not stop the worker: those lines would fall back to the phone's fonts.
          .then(() => Promise.all(OFFLINE_FONTS.map((url) => cache.add(new Request(url, { cache: 'reload' })).catch(() => undefined)))),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('zy-h5-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** The page names what its first screen loaded (already in the HTTP cache): keep those for offline. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        data.urls
          .filter((url) => typeof url === 'string' && new URL(url, self.location.origin).origin === self.location.origin)
          .map((url) => cache.match(url).then((hit) => hit || cache.add(url).catch(() => undefined))),
      ),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && (url.pathname === '/' || url.pathname === '/index.html')) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(SHELL_URL, copy));
          }
          return response;
        })
        .catch(() =>
          caches.match(SHELL_URL).then((shell) => shell || caches.match(OFFLINE_URL)),
        ),
    );
    return;
  }
  if (IMMUTABLE.test(url.pathname)) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
