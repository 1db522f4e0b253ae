/**
 * A real form: POST /language sets the `hl` cookie (the visitor chose a language) and sends the
 * visitor back to the same URL. Works without JavaScript; with it, the router submits it, so
 * the switch replaces the history entry like every other in-app navigation (entry.client.tsx).
 */
import { Form, useLocation } from '@remix-run/react';
import { layoutMessages } from '~/i18n/messages/layout';
import { translator } from '~/i18n/i18n';
import { returnPath } from '~/i18n/links';
import { useRootData } from './root-data';

export function LanguageSwitch() {
  const { locale } = useRootData();
  const location = useLocation();
  const t = translator(layoutMessages, locale);
  const other = locale === 'en' ? 'es' : 'en';
  return (
    <Form method="post" action="/language" className="language-switch">
      <input type="hidden" name="hl" value={other} />
      <input type="hidden" name="redirectTo" value={returnPath(location.pathname, location.search)} />
      <button type="submit" lang={other} aria-label={t('switchToOtherLabel')}>
        {t('switchToOther')}
      </button>
    </Form>
  );
}
