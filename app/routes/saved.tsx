/**
 * /saved: the services saved on this device (app/saved). The server renders the frame only —
 * it never knows what is saved; the list comes from the device after hydration. The service
 * worker keeps this page and the saved services' pages for use without signal, so the links
 * are full page loads (the worker answers them from its cache when offline).
 */
import type { MetaFunction } from '@remix-run/node';
import { useEffect, useState } from 'react';
import { ErrorPage } from '~/components/error-page';
import { pageMeta, rootDataFromMatches } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { translator } from '~/i18n/i18n';
import { savedMessages } from '~/saved/messages';
import { cacheOwnAssets, registerServiceWorker } from '~/saved/offline';
import { removeAllSaved, removeSaved, servicePath, useSavedServices } from '~/saved/saved-store';

export default function SavedPage() {
  const { locale } = useRootData();
  const t = translator(savedMessages, locale);
  const saved = useSavedServices();
  const [status, setStatus] = useState('');
  useEffect(() => {
    registerServiceWorker();
    void cacheOwnAssets();
  }, []);
  return (
    <article className="prose saved-page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p className="notice notice-warn">{t('warning')}</p>
      <noscript>
        <p>{t('needsScript')}</p>
      </noscript>
      {saved.length > 0 ? (
        <>
          <ul className="saved-list">
            {saved.map((entry) => (
              <li key={entry.id}>
                <a href={servicePath(entry.id)}>{entry.name}</a>
                <span className="muted"> · {t('offeredBy', { name: entry.organization })}</span>{' '}
                <button type="button" onClick={() => void removeSaved(entry.id)}>
                  {t('remove', { name: entry.name })}
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            onClick={() => {
              void removeAllSaved().then(() => setStatus(t('removeAllDone')));
            }}
          >
            {t('removeAll')}
          </button>
        </>
      ) : (
        <p className="js-only">{t('empty')}</p>
      )}
      <p role="status">{status}</p>
    </article>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const root = rootDataFromMatches(matches);
  const t = translator(savedMessages, root.locale);
  return pageMeta(root, t('title'), t('intro'));
};

export function ErrorBoundary() {
  return <ErrorPage />;
}
