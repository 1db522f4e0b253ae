/**
 * What the root loader hands every page (locale, the browser-safe config), read by components
 * through `useRootData`; `useLocalizeHref` applies app/i18n/links.ts's rule with that locale.
 */
import { useRouteLoaderData } from '@remix-run/react';
import type { PublicConfig } from '~/config/config.server';
import type { Locale } from '~/i18n/i18n';
import { localizeHref } from '~/i18n/links';

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

/** The page's `localizeHref` (app/i18n/links.ts) with the root data's locale. */
export function useLocalizeHref(): (href: string) => string {
  const data = useRootData();
  return (href) => localizeHref(href, data);
}
