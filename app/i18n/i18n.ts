/**
 * English and Spanish. Each feature's catalog is a module in app/i18n/messages/ (search.ts,
 * listing.ts, map.ts (read only by the lazily loaded map chunk), …), written as
 * `defineMessages({ en: {...}, es: {...} })`: TypeScript refuses a Spanish catalog that lacks an
 * English key or adds one, and app/i18n/messages/catalogs.test.ts checks every catalog's
 * placeholders and that no message is empty. `{name}` placeholders are filled by
 * `t(key, { name })`.
 */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'hl';

export type Catalog<K extends string = string> = Record<K, string>;
export type Messages<K extends string> = { en: Catalog<K>; es: Catalog<K> };

/** Every catalog defined, for the missing-translation test. */
export const allMessages: Array<Messages<string>> = [];

export function defineMessages<K extends string>(messages: {
  en: Catalog<K>;
  es: Catalog<NoInfer<K>>;
}): Messages<K> {
  allMessages.push(messages);
  return messages;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export type Translate<K extends string> = (key: K, values?: Record<string, string | number>) => string;

export function translator<K extends string>(messages: Messages<K>, locale: Locale): Translate<K> {
  const catalog = messages[locale];
  return (key, values) => {
    const template = catalog[key] ?? messages.en[key] ?? key;
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      values[name] === undefined ? match : String(values[name]),
    );
  };
}

/**
 * The request's language: `?hl=` first (deep links), then the language cookie (the only
 * cookie an anonymous visitor gets, and only after choosing), then Accept-Language.
 */
export function localeFromRequest(request: Request): Locale {
  const url = new URL(request.url);
  const param = url.searchParams.get('hl');
  if (isLocale(param)) return param;
  const cookie = request.headers.get('Cookie') ?? '';
  const match = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(en|es)(?:;|$)`).exec(cookie);
  if (match && isLocale(match[1])) return match[1];
  const accept = request.headers.get('Accept-Language') ?? '';
  for (const part of accept.split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}

export function intlLocale(locale: Locale): string {
  return locale === 'es' ? 'es-US' : 'en-US';
}
