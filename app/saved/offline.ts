/**
 * The browser side of offline saved services: registers the service worker (public/sw.js)
 * and hands it the scripts and styles the current page runs on, so a saved page (or /saved)
 * opened without signal still works — including the parts loaded before the worker took over.
 */

/** Same name as ASSETS_CACHE in public/sw.js. */
const ASSETS_CACHE = 'haven-assets-v1';

let registered = false;

export function registerServiceWorker(): void {
  if (registered || !('serviceWorker' in navigator)) return;
  registered = true;
  navigator.serviceWorker.register('/sw.js').catch(() => {
    registered = false; // blocked (private window, policy): saved pages just need signal
  });
}

/** Puts this page's own /build/ assets in the worker's asset cache. */
export async function cacheOwnAssets(): Promise<void> {
  if (!('caches' in window)) return;
  const urls = new Set<string>();
  for (const entry of performance.getEntriesByType('resource')) urls.add(entry.name);
  for (const element of document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>(
    'script[src], link[href]',
  ))
    urls.add('src' in element ? element.src : element.href);
  const own = [...urls].filter((url) => {
    const parsed = new URL(url, window.location.href);
    return parsed.origin === window.location.origin && parsed.pathname.startsWith('/build/');
  });
  try {
    const cache = await caches.open(ASSETS_CACHE);
    await Promise.all(
      own.map(async (url) => {
        if (!(await cache.match(url))) await cache.add(url);
      }),
    );
  } catch {
    // offline or storage blocked
  }
}
