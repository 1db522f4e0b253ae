/**
 * "Back to results": a link to the result list the visitor last saw (remember-results.ts).
 * Without JavaScript every page is its own history entry and Back works as usual; the link then
 * does not show (nor after a reload).
 */
import { Link } from '@remix-run/react';
import { listingMessages } from '~/i18n/messages/listing';
import { translator } from '~/i18n/i18n';
import { rememberedResults } from './remember-results';
import { useRootData } from './root-data';

export function BackToResults() {
  const { locale } = useRootData();
  const lastResults = rememberedResults();
  if (!lastResults) return null;
  const t = translator(listingMessages, locale);
  return (
    <p className="back-link">
      <Link to={lastResults}>← {t('backToResults')}</Link>
    </p>
  );
}
