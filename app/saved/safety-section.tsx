/** The safety page's word on saved services: plainly, anyone holding the device can see them. */
import { Link } from '@remix-run/react';
import { useLocalizeHref } from '~/components/root-data';
import { type Locale, translator } from '~/i18n/i18n';
import { savedMessages } from './messages';

export function SavedSafetySection({ locale }: { locale: Locale }) {
  const t = translator(savedMessages, locale);
  const localize = useLocalizeHref();
  return (
    <>
      <h2>{t('safetyTitle')}</h2>
      <p>{t('safetyText')}</p>
      <p>
        <Link to={localize('/saved')}>{t('safetyLink')}</Link>
      </p>
    </>
  );
}
