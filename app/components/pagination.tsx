import { Link } from '@remix-run/react';
import { searchMessages } from '~/i18n/messages/search';
import { type Locale, translator } from '~/i18n/i18n';

export function Pagination({
  page,
  totalPages,
  hrefFor,
  locale,
}: {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  locale: Locale;
}) {
  if (totalPages <= 1) return null;
  const t = translator(searchMessages, locale);
  return (
    <nav className="pagination" aria-label={t('paginationLabel')}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          ← {t('previous')}
        </Link>
      ) : (
        <span />
      )}
      <span>{t('pageOf', { page, pages: totalPages })}</span>
      {page < totalPages ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t('next')} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
