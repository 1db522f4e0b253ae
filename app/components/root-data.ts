/**
 * What the root loader hands every page (locale, the browser-safe config) and the helpers that
 * keep a `?hl=` deep link's language on the links a page renders.
 */
import { useRouteLoaderData } from '@remix-run/react';
import type { PublicConfig } from '~/config/config.server';
import type { Locale } from '~/i18n/i18n';

export interface RootData {
  locale: Locale;
  config: PublicConfig;
  /** The language came from `?hl=` (no cookie): internal links carry it on. */
  hlParam: boolean;
}

/** Used when the root loader itself failed: the frame must still offer a quick exit. */
export const FALLBACK_ROOT_DATA: RootData = {
  locale: 'en',
  hlParam: false,
  config: {
    siteName: 'Haven',
    tileUrl: null,
    tileAttribution: '',
    streetTiles: null,
    quickExitUrl: 'https://weather.com/',
    hotline: { emergency: '911', phone: '1-888-373-7888', text: '233733' },
  },
};

export function useRootData(): RootData {
  return (useRouteLoaderData('root') as RootData | undefined) ?? FALLBACK_ROOT_DATA;
}

/** Adds `hl=<locale>` to an internal href when the page was opened with `?hl=`. */
export function localizeHref(href: string, data: Pick<RootData, 'locale' | 'hlParam'>): string {
  if (!data.hlParam || !href.startsWith('/')) return href;
  const [pathAndQuery = '', hash] = href.split('#', 2);
  const [path = '', query = ''] = pathAndQuery.split('?', 2);
  const params = new URLSearchParams(query);
  params.set('hl', data.locale);
  return `${path}?${params.toString()}${hash === undefined ? '' : `#${hash}`}`;
}

export function useLocalizeHref(): (href: string) => string {
  const data = useRootData();
  return (href) => localizeHref(href, data);
}
