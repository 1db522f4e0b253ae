/**
 * One search result. The card id (`result-<serviceId>`) and heading are stable hooks for the
 * browser tests and for the map's "selected" link; markup stays plain so it works without JS.
 */
import { Link } from '@remix-run/react';
import { SaveButton } from '~/saved/save-button';
import type { SearchResultItem } from '~/search/types';
import { searchMessages } from '~/i18n/messages/search';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { type Locale, translator } from '~/i18n/i18n';
import { formatDistance, formatVerified, telHref } from './format';
import { HoursTodayLine } from './hours-today';
import { SampleBadge } from './sample-badge';

export function categoryName(slug: string, fallback: string, locale: Locale): string {
  const key = `category.${slug}`;
  const catalog = taxonomyMessages[locale] as Record<string, string>;
  return catalog[key] ?? fallback;
}

/**
 * A listing's categories as chips (and "Free" when given), or nothing. Spans in a paragraph, not
 * a nested list: in the result list, the list's items are the cards alone.
 */
export function CategoryChips({
  categories,
  free,
  locale,
}: {
  categories: ReadonlyArray<{ slug: string; name: string }>;
  free?: string | null;
  locale: Locale;
}) {
  if (categories.length === 0 && !free) return null;
  return (
    <p className="chips">
      {categories.map((category) => (
        <span key={category.slug} className="chip">
          {categoryName(category.slug, category.name, locale)}
        </span>
      ))}
      {free ? <span className="chip">{free}</span> : null}
    </p>
  );
}

/** A language code's name: our catalog's, else the runtime's (ICU), else the code itself. */
export function languageName(code: string, locale: Locale): string {
  const catalog = taxonomyMessages[locale] as Record<string, string>;
  const named = catalog[`language.${code}`];
  if (named) return named;
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    if (name) return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    // not a well-formed language code: show it as given
  }
  return code.toUpperCase();
}

interface Props {
  item: SearchResultItem;
  locale: Locale;
  now: Date;
  href: string;
  selected: boolean;
  /** Only with the map shown (JavaScript): "Show on map". */
  onSelect?: (id: string) => void;
}

export function ResultCard({ item, locale, now, href, selected, onSelect }: Props) {
  const t = translator(searchMessages, locale);
  const id = `result-${item.serviceId}`;
  const location = item.location;
  const verified = formatVerified(item.lastVerifiedAt, now, locale);
  const mappable = !item.remote && location?.latitude != null && location.longitude != null;
  return (
    <article
      className={selected ? 'card is-selected' : 'card'}
      id={id}
      aria-labelledby={`${id}-name`}
      aria-current={selected ? 'true' : undefined}
    >
      <h3 id={`${id}-name`}>
        <Link to={href}>{item.serviceName}</Link>
      </h3>
      <p className="muted">
        {t('organization', { name: item.organizationName })}
        {item.isSample ? <SampleBadge label={t('sample')} hint={t('sampleHint')} /> : null}
      </p>
      <CategoryChips categories={item.categories} free={item.free ? t('free') : null} locale={locale} />
      <p className="card-meta">
        <strong>
          {item.remote || item.distanceKm === null ? t('remote') : formatDistance(item.distanceKm, locale)}
        </strong>
        <HoursTodayLine openNow={item.openNow} hours={item.hoursToday} locale={locale} />
      </p>
      {location && !item.remote ? (
        location.isConfidential || !location.address ? (
          <p>
            {location.isConfidential ? t('confidential') : null}
            {location.areaLabel ? (
              <>
                {location.isConfidential ? <br /> : null}
                {t('area', { area: location.areaLabel })}
              </>
            ) : null}
          </p>
        ) : (
          <p>
            {location.address.address1}
            {location.address.address2 ? `, ${location.address.address2}` : ''}, {location.address.city},{' '}
            {location.address.stateProvince} {location.address.postalCode}
          </p>
        )
      ) : null}
      {item.phone ? (
        <p>
          <a href={telHref(item.phone.number, item.phone.extension)}>
            {t('call', { number: item.phone.number })}
          </a>
        </p>
      ) : null}
      {item.languages.length > 0 ? (
        <p>{t('languages', { list: item.languages.map((code) => languageName(code, locale)).join(', ') })}</p>
      ) : null}
      {verified ? <p className="muted">{verified}</p> : null}
      <SaveButton
        id={item.serviceId}
        name={item.serviceName}
        organization={item.organizationName}
        locale={locale}
      />
      {onSelect && mappable ? (
        <button
          type="button"
          className="no-print"
          aria-pressed={selected}
          onClick={() => onSelect(item.serviceId)}
        >
          {selected ? t('shownOnMap') : t('showOnMap')}
        </button>
      ) : null}
    </article>
  );
}
