/**
 * The result list the visitor last saw, for "Back to results" (back-to-results.tsx). In-app
 * navigations replace the history entry (entry.client.tsx), so the browser's Back button cannot
 * return to the list; the link does. Remembered in memory only — never in storage, cookies or
 * history state — so it goes with the tab's page and leaves no trace.
 *
 * Its own module so that the root, which calls the hook on every page, does not pull the
 * listing catalog (the link's text) into every page's first-load JavaScript.
 */
import { useLocation } from '@remix-run/react';
import { useEffect } from 'react';

let lastResults: string | null = null;

/** Called once in the root: remembers the result list the visitor last saw. */
export function useRememberResults(): void {
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (pathname === '/search' && search) lastResults = `${pathname}${search}`;
  }, [pathname, search]);
}

/** The last result list's URL (path and query), or null before any search in this page. */
export function rememberedResults(): string | null {
  return lastResults;
}
