/**
 * Browser entry. A whole visit is one history entry (DESIGN.md §6): every in-app navigation
 * replaces the current entry instead of pushing a new one, so the Quick exit — which replaces
 * that one entry with the neutral site — leaves no page of this site behind Back. React Router
 * navigates with history.pushState; sending that one call to replaceState covers links, forms,
 * redirects and navigate() alike, and same-page #fragment links get the same treatment.
 * Pages offer "Back to results" links (components/back-to-results.tsx) where Back used to serve.
 */
import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';

const replaceState = window.history.replaceState.bind(window.history);
window.history.pushState = (data: unknown, unused: string, url?: string | URL | null) =>
  replaceState(data, unused, url);

// A plain <a href="#id"> (skip link, error summary) would push an entry of its own.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
  const hash = link?.getAttribute('href');
  if (!hash || hash === '#') return;
  event.preventDefault();
  window.location.replace(hash);
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
