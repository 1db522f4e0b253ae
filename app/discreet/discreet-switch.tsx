/** The switch on the safety page (a checkbox with role="switch"). */
import { useState } from 'react';
import { type Locale, translator } from '~/i18n/i18n';
import { setDiscreet, useDiscreet } from './discreet-store';
import { discreetMessages } from './messages';

export function DiscreetSection({ locale }: { locale: Locale }) {
  const t = translator(discreetMessages, locale);
  const discreet = useDiscreet();
  const [status, setStatus] = useState('');
  return (
    <section aria-labelledby="discreet-title">
      <h2 id="discreet-title">{t('title')}</h2>
      <p>{t('text')}</p>
      <noscript>
        <p>{t('needsScript')}</p>
      </noscript>
      <p className="js-only">
        <label className="discreet-switch">
          <input
            type="checkbox"
            role="switch"
            checked={discreet}
            onChange={(event) => {
              setDiscreet(event.target.checked);
              setStatus(event.target.checked ? t('on') : t('off'));
            }}
          />{' '}
          {t('switchLabel')}
        </label>
      </p>
      <p role="status">{status}</p>
    </section>
  );
}
