/**
 * "Back to results": in-app navigations replace the history entry (entry.client.tsx), so the
 * browser's Back button cannot return to the result list; this link does. The last result
 * list is remembered in memory only — never in storage, cookies or history state — so it
 * goes with the tab's page and leaves no trace. Without JavaScript every page is its own
 * history entry and Back works as usual; the link then does not show (nor after a reload).
 */
import { Link, useLocation } from '@remix-run/react';
import { useEffect } from 'react';
import { listingMessages } from '~/i18n/messages/listing';
import { translator } from '~/i18n/i18n';
import { useRootData } from './root-data';

let lastResults: string | null = null;

/** Called once in the root: remembers the result list the visitor last saw. */
export function useRememberResults(): void {
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (pathname === '/search' && search) lastResults = `${pathname}${search}`;
  }, [pathname, search]);
}

export function BackToResults() {
  const { locale } = useRootData();
  if (!lastResults) return null;
  const t = translator(listingMessages, locale);
  return (
    <p className="back-link">
      <Link to={lastResults}>← {t('backToResults')}</Link>
    </p>
  );
}
