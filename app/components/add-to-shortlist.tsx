/**
 * The staff-only "add to shortlist" control of a service page: shown only to a signed-in
 * caseworker (the loader decides), it posts to /staff/shortlists, which adds the service and
 * opens the list. Works without JavaScript.
 */
import { Form, Link } from '@remix-run/react';
import { caseworkMessages } from '~/i18n/messages/casework';
import { type Locale, translator } from '~/i18n/i18n';

export function AddToShortlist({
  serviceId,
  serviceName,
  shortlists,
  locale,
}: {
  serviceId: string;
  serviceName: string;
  shortlists: Array<{ id: string; name: string }>;
  locale: Locale;
}) {
  const t = translator(caseworkMessages, locale);
  if (shortlists.length === 0) {
    return (
      <div className="staff-control no-print">
        <p>{t('noShortlists')}</p>
        <ul className="link-list">
          <li>
            <Link to="/staff/shortlists">{t('createFirst')}</Link>
          </li>
        </ul>
      </div>
    );
  }
  return (
    <Form
      method="post"
      action="/staff/shortlists?index"
      className="staff-control add-to-shortlist no-print"
      aria-label={t('addServiceToShortlist', { service: serviceName })}
    >
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="service" value={serviceId} />
      <label htmlFor="add-to-shortlist">{t('shortlistLabel')}</label>{' '}
      <select id="add-to-shortlist" name="shortlist">
        {shortlists.map((list) => (
          <option key={list.id} value={list.id}>
            {list.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit" className="button">
        {t('addToShortlist')}
      </button>
    </Form>
  );
}
