/**
 * Saved services: kept on this device only (localStorage), never sent to the server. A saved
 * service's page is also put in the Cache Storage the service worker (public/sw.js) answers
 * from when there is no signal. Anyone holding the phone can see them: the safety page says so,
 * and "Remove all saved" clears both in one tap.
 */
import { useSyncExternalStore } from 'react';
import { storageSubscriber } from '~/components/device-storage';
import { cacheOwnAssets } from './offline';

export interface SavedService {
  id: string;
  name: string;
  organization: string;
  /** When it was saved (ISO 8601). */
  savedAt: string;
}

const STORAGE_KEY = 'haven:saved';
/** Shared with public/sw.js: the cache that holds saved services' pages. */
export const SAVED_PAGES_CACHE = 'haven-saved-pages';
const CHANGE_EVENT = 'haven:saved-change';

export const servicePath = (id: string) => `/services/${encodeURIComponent(id)}`;

let snapshot: { raw: string | null; list: SavedService[] } = { raw: null, list: [] };

function read(): SavedService[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return [];
  }
  if (raw === snapshot.raw) return snapshot.list;
  let list: SavedService[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed))
      list = parsed.filter(
        (entry): entry is SavedService =>
          typeof entry === 'object' && entry !== null && typeof (entry as SavedService).id === 'string',
      );
  } catch {
    list = [];
  }
  snapshot = { raw, list };
  return list;
}

function write(list: SavedService[]): void {
  try {
    if (list.length === 0) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    // storage full or blocked: nothing is saved (the button shows the real state)
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

async function withCache(work: (cache: Cache) => Promise<unknown>): Promise<void> {
  if (!('caches' in window)) return;
  try {
    await work(await caches.open(SAVED_PAGES_CACHE));
  } catch {
    // offline or storage blocked: the page is simply not available offline
  }
}

export async function saveService(service: Omit<SavedService, 'savedAt'>): Promise<void> {
  const list = read().filter((entry) => entry.id !== service.id);
  write([{ ...service, savedAt: new Date().toISOString() }, ...list]);
  navigator.serviceWorker?.controller?.postMessage({ type: 'save', path: servicePath(service.id) });
  await Promise.all([withCache((cache) => cache.add(servicePath(service.id))), cacheOwnAssets()]);
}

export async function removeSaved(id: string): Promise<void> {
  write(read().filter((entry) => entry.id !== id));
  await withCache((cache) => cache.delete(servicePath(id)));
}

export async function removeAllSaved(): Promise<void> {
  write([]);
  if ('caches' in window) await caches.delete(SAVED_PAGES_CACHE).catch(() => false);
}

const subscribe = storageSubscriber(STORAGE_KEY, CHANGE_EVENT);

const EMPTY: SavedService[] = [];

/** The saved services; empty on the server and while hydrating. */
export function useSavedServices(): SavedService[] {
  return useSyncExternalStore(subscribe, read, () => EMPTY);
}
