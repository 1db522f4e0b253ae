/** The one search box: a GET form to /search labelled "ZIP code or city". */
import { Form } from '@remix-run/react';
import { homeMessages } from '~/i18n/messages/home';
import { translator } from '~/i18n/i18n';
import { useRootData } from './root-data';

export function PlaceSearchForm({ defaultValue, id = 'near' }: { defaultValue?: string; id?: string }) {
  const { locale, hlParam } = useRootData();
  const t = translator(homeMessages, locale);
  return (
    <Form method="get" action="/search" role="search">
      {hlParam ? <input type="hidden" name="hl" value={locale} /> : null}
      <label htmlFor={id}>{t('placeLabel')}</label>
      <div className="search-box">
        <input
          id={id}
          name="near"
          type="text"
          autoComplete="off"
          defaultValue={defaultValue}
          aria-describedby={`${id}-hint`}
        />
        <button type="submit" className="button-primary">
          {t('searchButton')}
        </button>
      </div>
      <p id={`${id}-hint`} className="muted">
        {t('placeHint')}
      </p>
    </Form>
  );
}
