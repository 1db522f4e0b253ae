/**
 * Call, Directions and Share for a listing. Directions is a link the visitor chooses (to
 * OpenStreetMap), never a request the page makes, and never offered for a confidential
 * location. Copy link and Print need JavaScript and are shown only when scripts run.
 */
import { useState } from 'react';
import { listingMessages } from '~/i18n/messages/listing';
import { type Locale, translator } from '~/i18n/i18n';
import { smsHref, telHref } from './format';

export function directionsHref(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/directions?to=${latitude}%2C${longitude}`;
}

interface Props {
  locale: Locale;
  phone: { number: string; extension: string | null } | null;
  /** Only for a non-confidential location with a point. */
  directionsTo: { latitude: number; longitude: number } | null;
  shareText: string;
}

export function ListingActions({ locale, phone, directionsTo, shareText }: Props) {
  const t = translator(listingMessages, locale);
  const [copyStatus, setCopyStatus] = useState('');
  async function copyLink() {
    try {
      await navigator.clipboard.writeText(`${window.location.origin}${window.location.pathname}`);
      setCopyStatus(t('copied'));
    } catch {
      setCopyStatus(t('copyFailed'));
    }
  }
  return (
    <div className="no-print">
      <div className="actions">
        {phone ? (
          <a className="button button-primary" href={telHref(phone.number, phone.extension)}>
            {t('call', { number: phone.number })}
          </a>
        ) : null}
        {directionsTo ? (
          <a
            className="button"
            href={directionsHref(directionsTo.latitude, directionsTo.longitude)}
            rel="noreferrer"
            aria-describedby="directions-hint"
          >
            {t('directions')}
          </a>
        ) : null}
        <a className="button" href={smsHref('', shareText)}>
          {t('textListing')}
        </a>
        <button type="button" className="js-only-inline" onClick={copyLink}>
          {t('copyLink')}
        </button>
        <button type="button" className="js-only-inline" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      {directionsTo ? (
        <p id="directions-hint" className="visually-hidden">
          {t('directionsHint')}
        </p>
      ) : null}
      <p role="status" className="muted">
        {copyStatus}
      </p>
    </div>
  );
}
