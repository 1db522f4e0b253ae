import { Link } from '@remix-run/react';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { translator } from '~/i18n/i18n';
import { searchHref } from '~/search/search-url';
import { TOP_CATEGORY_SLUGS } from '~/search/taxonomy';
import { useLocalizeHref, useRootData } from './root-data';

export function CategoryTiles({ labelledBy }: { labelledBy: string }) {
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(taxonomyMessages, locale);
  return (
    <ul className="tiles" aria-labelledby={labelledBy}>
      {TOP_CATEGORY_SLUGS.map((slug) => (
        <li key={slug}>
          <Link className="tile" to={localize(searchHref({ category: [slug] }))}>
            <strong>{t(`category.${slug}`)}</strong>
            <span>{t(`categoryHint.${slug}`)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
