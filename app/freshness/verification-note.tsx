/**
 * The public service page's freshness: "Verified by the organization on <date>", and a notice
 * when that was more than 12 months ago (the rule in ./freshness.ts).
 */
import { correctionMessages } from '~/i18n/messages/corrections';
import { listingMessages } from '~/i18n/messages/listing';
import { type Locale, translator } from '~/i18n/i18n';
import { confirmedLongAgo, formatConfirmedDate, PUBLIC_NOTICE_MONTHS } from './freshness';

export function verifiedText(lastVerifiedAt: string | null, locale: Locale): string {
  return lastVerifiedAt
    ? translator(correctionMessages, locale)('verifiedOn', {
        date: formatConfirmedDate(lastVerifiedAt, locale),
      })
    : translator(listingMessages, locale)('notVerified');
}

/** Shown near the top of the page when the last confirmation is over 12 months old. */
export function StaleNotice({
  lastVerifiedAt,
  now,
  locale,
}: {
  lastVerifiedAt: string | null;
  now: string;
  locale: Locale;
}) {
  if (!lastVerifiedAt || !confirmedLongAgo(lastVerifiedAt, new Date(now), PUBLIC_NOTICE_MONTHS)) return null;
  return (
    <p className="notice notice-warn" data-testid="stale-notice">
      {translator(correctionMessages, locale)('staleNotice')}{' '}
      <span className="muted">({verifiedText(lastVerifiedAt, locale)})</span>
    </p>
  );
}
