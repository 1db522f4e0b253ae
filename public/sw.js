/*
 * Haven's service worker: saved services without signal (app/saved). It keeps
 *   - the /saved page (the app shell a person opens offline),
 *   - the pages of services saved on this device (put there by app/saved/saved-store.ts),
 *   - the fingerprinted scripts and styles under /build/ those pages need.
 * Nothing else: other pages are never stored, so the cache leaves no trace of what was
 * looked at. "Remove all saved" deletes the saved pages' cache.
 */
const SHELL_CACHE = 'haven-shell-v1';
const ASSETS_CACHE = 'haven-assets-v1';
// Same name as SAVED_PAGES_CACHE in app/saved/saved-store.ts.
const SAVED_PAGES_CACHE = 'haven-saved-pages';
const KEEP = [SHELL_CACHE, ASSETS_CACHE, SAVED_PAGES_CACHE];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.add('/saved'))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => !KEEP.includes(name)).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

/** Network first; the stored copy when there is no network (and the copy refreshed when there is). */
async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const stored = await cache.match(key, { ignoreSearch: true });
    if (stored) return stored;
    throw error;
  }
}

async function assetFirst(request) {
  const cache = await caches.open(ASSETS_CACHE);
  const stored = await cache.match(request);
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/build/')) {
    event.respondWith(assetFirst(request));
    return;
  }
  if (request.mode !== 'navigate') return;
  if (url.pathname === '/saved') {
    event.respondWith(networkFirst(request, SHELL_CACHE, '/saved'));
    return;
  }
  if (url.pathname.startsWith('/services/')) {
    event.respondWith(
      caches
        .open(SAVED_PAGES_CACHE)
        .then((cache) => cache.match(url.pathname))
        .then((saved) => (saved ? networkFirst(request, SAVED_PAGES_CACHE, url.pathname) : fetch(request))),
    );
  }
});

// A page asks the worker to keep a saved service's page: the worker's copy finishes even
// if the person leaves the page right after pressing Save.
self.addEventListener('message', (event) => {
  const path = event.data && event.data.type === 'save' ? String(event.data.path) : '';
  if (!path.startsWith('/services/')) return;
  event.waitUntil(
    caches
      .open(SAVED_PAGES_CACHE)
      .then((cache) => cache.add(path))
      .catch(() => undefined),
  );
});
