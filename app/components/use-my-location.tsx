/**
 * "Use my location": asks the browser for a position, rounds it to ~100 m and goes to
 * /search?lat=&lng=. Rendered only after hydration (it needs JavaScript); the status line is
 * always in the page so a message never shifts the layout.
 */
import { useNavigate } from '@remix-run/react';
import { useState } from 'react';
import { homeMessages } from '~/i18n/messages/home';
import { translator } from '~/i18n/i18n';
import { searchHrefForPosition } from '~/search/search-url';
import { useRootData } from './root-data';

type Status = 'idle' | 'locating' | 'denied' | 'unavailable' | 'unsupported';

export function UseMyLocation({ extraParams }: { extraParams?: URLSearchParams }) {
  const { locale, hlParam } = useRootData();
  const t = translator(homeMessages, locale);
  const navigate = useNavigate();
  const [status, setStatus] = useState<Status>('idle');

  function locate() {
    if (!('geolocation' in navigator)) {
      setStatus('unsupported');
      return;
    }
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const params = new URLSearchParams(extraParams);
        if (hlParam) params.set('hl', locale);
        navigate(searchHrefForPosition(position.coords.latitude, position.coords.longitude, params));
      },
      (error) => setStatus(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  }

  const message =
    status === 'locating'
      ? t('locating')
      : status === 'denied'
        ? t('locationDenied')
        : status === 'unavailable'
          ? t('locationUnavailable')
          : status === 'unsupported'
            ? t('locationUnsupported')
            : '';
  return (
    <div className="locate">
      {/* Server-rendered but shown by CSS only once scripts run: no layout shift, no dead button. */}
      <div className="js-only">
        <button
          type="button"
          onClick={locate}
          aria-describedby="locate-privacy"
          disabled={status === 'locating'}
        >
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" focusable="false">
            <circle cx="12" cy="12" r="4" fill="currentColor" />
            <path d="M12 2v4M12 18v4M2 12h4M18 12h4" stroke="currentColor" strokeWidth="2" />
          </svg>
          {t('useLocation')}
        </button>
        <p id="locate-privacy" className="muted">
          {t('locationPrivacy')}
        </p>
      </div>
      <p
        className={
          status === 'denied' || status === 'unavailable' || status === 'unsupported'
            ? 'locate-status field-error'
            : 'locate-status'
        }
        role="status"
      >
        {message}
      </p>
    </div>
  );
}
