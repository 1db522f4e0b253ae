/**
 * Builds a shortlist's handout from the public rules only: each service as the public service
 * page shows it (app/listings/public-listing.server.ts → the shared phone and hours rule of
 * app/search/service-facts.server.ts, the one public location projection of
 * app/locations/public-location.server.ts, app/search/summary.ts). A service no longer public
 * is left off. The caller has already checked that the person may read the list.
 */
import { data } from '@remix-run/node';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import type { StaffUser } from '../accounts/permissions.server';
import type { Config } from '../config/config.server';
import { isLocale, type Locale } from '../i18n/i18n';
import { getPublicService } from '../listings/public-listing.server';
import type { PublicLocation } from '../listings/types';
import { summarize } from '../search/summary';
import type { Handout, HandoutEntry, Hotline } from './handout';
import { getShortlist, type Shortlist } from './shortlists.server';

/** A location's public form in one line: its street address, else its area ("Houston, TX area"). */
export function placeLine(location: PublicLocation): string | null {
  const address = location.address;
  if (address) {
    const street = [address.address1, address.address2].filter(Boolean).join(', ');
    return `${street}, ${address.city}, ${address.stateProvince} ${address.postalCode}`.trim();
  }
  return location.areaLabel;
}

export async function loadHandout(
  db: Kysely<Database>,
  input: { shortlist: Shortlist; locale: Locale; hotline: Hotline; siteName: string; now: Date },
): Promise<Handout> {
  const entries: HandoutEntry[] = [];
  for (const item of input.shortlist.items) {
    if (!item.listed) continue;
    const service = await getPublicService(db, item.serviceId, input.now);
    if (!service) continue;
    const places = service.locations.flatMap((location) => placeLine(location) ?? []);
    entries.push({
      serviceId: service.id,
      name: service.name,
      organizationName: service.organization.name,
      summary: summarize(service.description, 160),
      phones: service.phones
        .slice(0, 2)
        .map((phone) => ({ number: phone.number, extension: phone.extension })),
      days: service.hours.days.length > 0 ? service.hours.days : null,
      places: [...new Set(places)].slice(0, 3),
      remoteOnly: places.length === 0 && service.delivery.some((mode) => mode !== 'in_person'),
      documents: service.requiredDocuments,
    });
  }
  return {
    locale: input.locale,
    entries,
    hotline: input.hotline,
    siteName: input.siteName,
    date: input.now.toISOString().slice(0, 10),
  };
}

/**
 * The handout of a list the person may read, in `lang` (else the list's chosen language):
 * shared by the print page and the PDF. 'not-found' for a list that is not theirs to see,
 * 'bad-lang' for a language the handout does not come in.
 */
export async function handoutFor(
  db: Kysely<Database>,
  input: { id: string; user: StaffUser; lang: string | null; config: Config; now: Date },
): Promise<{ shortlist: Shortlist; handout: Handout } | 'not-found' | 'bad-lang'> {
  const shortlist = await getShortlist(db, { id: input.id, user: input.user });
  if (!shortlist) return 'not-found';
  const locale = input.lang === null || input.lang === '' ? shortlist.handoutLocale : input.lang;
  if (!isLocale(locale)) return 'bad-lang';
  const handout = await loadHandout(db, {
    shortlist,
    locale,
    hotline: {
      emergency: input.config.HOTLINE_EMERGENCY,
      phone: input.config.HOTLINE_PHONE,
      text: input.config.HOTLINE_TEXT,
    },
    siteName: input.config.SITE_NAME,
    now: input.now,
  });
  return { shortlist, handout };
}

/** The handout a request asks for (`?lang=`), else the 404 or 400 response to throw. */
export async function requestedHandout(
  db: Kysely<Database>,
  request: Request,
  input: { id: string; user: StaffUser; config: Config },
): Promise<{ shortlist: Shortlist; handout: Handout }> {
  const lang = new URL(request.url).searchParams.get('lang');
  const found = await handoutFor(db, { ...input, lang, now: new Date() });
  if (found === 'not-found') throw data('Not found', { status: 404 });
  if (found === 'bad-lang') throw data('lang: must be en or es', { status: 400 });
  return found;
}
