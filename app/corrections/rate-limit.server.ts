/**
 * Rate limit for public corrections without storing anything about the reporter.
 *
 * The client address is hashed (HMAC-SHA-256) with a random salt that lives only in this
 * process's memory and is replaced every window (an hour); the counts live in a Map that is
 * emptied at the same moment. So no address is ever written anywhere, and a hash cannot be
 * linked to an address once its window ends (the salt is gone). Limits per window: a few
 * reports of the same listing, and a few dozen in all, from one address. Each app server counts
 * on its own (the limit is per server, which is enough to stop a flood from one source); a
 * per-listing cap in the database (corrections.server.ts) bounds a flood from many sources.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const WINDOW_MS = 60 * 60 * 1000;
export const PER_SERVICE_LIMIT = 3;
export const OVERALL_LIMIT = 30;

interface Window {
  startedAt: number;
  salt: Buffer;
  counts: Map<string, number>;
}

let current: Window | null = null;

function windowAt(now: number): Window {
  if (!current || now - current.startedAt >= WINDOW_MS)
    current = { startedAt: now, salt: randomBytes(32), counts: new Map() };
  return current;
}

/**
 * Counts one report from `clientAddress` about `serviceId`; false when over a limit (then
 * nothing is counted). `now` is for tests.
 */
export function allowReport(clientAddress: string, serviceId: string, now = Date.now()): boolean {
  const window = windowAt(now);
  const who = createHmac('sha256', window.salt).update(clientAddress).digest('base64url');
  const overall = `${who}`;
  const perService = `${who}:${serviceId}`;
  if ((window.counts.get(perService) ?? 0) >= PER_SERVICE_LIMIT) return false;
  if ((window.counts.get(overall) ?? 0) >= OVERALL_LIMIT) return false;
  window.counts.set(perService, (window.counts.get(perService) ?? 0) + 1);
  window.counts.set(overall, (window.counts.get(overall) ?? 0) + 1);
  return true;
}
