/**
 * The language in links: an internal href keeps a `?hl=` deep link's language, and the
 * language switch returns to the same URL without `hl` (the new cookie decides). Pure URL
 * functions; components read the locale from the root data and call these.
 */
import type { Locale } from './i18n';

/** Adds `hl=<locale>` to an internal href when the page was opened with `?hl=`. */
export function localizeHref(href: string, data: { locale: Locale; hlParam: boolean }): string {
  if (!data.hlParam || !href.startsWith('/')) return href;
  const [pathAndQuery = '', hash] = href.split('#', 2);
  const [path = '', query = ''] = pathAndQuery.split('?', 2);
  const params = new URLSearchParams(query);
  params.set('hl', data.locale);
  return `${path}?${params.toString()}${hash === undefined ? '' : `#${hash}`}`;
}

/** The current URL without `hl`, so the new cookie decides the language on return. */
export function returnPath(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  params.delete('hl');
  const query = params.toString();
  return `${pathname}${query ? `?${query}` : ''}`;
}
