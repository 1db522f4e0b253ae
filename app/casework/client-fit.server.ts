/**
 * What a caseworker needs beyond the public result card (issue 13, journey 1): eligibility,
 * ages, intake process, documents to bring, wait time, who to contact about referrals, and
 * whether the organization accepts referrals through Haven (the one rule in
 * app/referrals/acceptance.server.ts). The search itself is the public one (search-page.server.ts);
 * this only adds facts for the services it returned.
 * Contacts and their phones tied to a location are left out: the location might be confidential,
 * and the organization's or service's own contacts are the ones meant for referrals.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { organizationsAcceptingReferrals } from '../referrals/acceptance.server';

export interface ReferralContact {
  name: string | null;
  title: string | null;
  email: string | null;
  phones: Array<{ number: string; extension: string | null }>;
}

export interface ClientFitDetails {
  eligibility: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  applicationProcess: string | null;
  waitTime: string | null;
  documents: string[];
  contacts: ReferralContact[];
  acceptsReferrals: boolean;
}

/** The details of each service, by service id (services that do not exist are left out). */
export async function clientFitDetails(
  db: Kysely<Database>,
  serviceIds: readonly string[],
): Promise<Map<string, ClientFitDetails>> {
  const details = new Map<string, ClientFitDetails>();
  if (serviceIds.length === 0) return details;
  const services = await db
    .selectFrom('service')
    .select([
      'id',
      'organization_id',
      'eligibility_description',
      'minimum_age',
      'maximum_age',
      'application_process',
      'wait_time',
    ])
    .where('id', 'in', serviceIds)
    .execute();
  const organizationIds = [...new Set(services.map((row) => row.organization_id))];
  const [documents, contacts, accepting] = await Promise.all([
    db
      .selectFrom('required_document')
      .select(['service_id', 'document'])
      .where('service_id', 'in', serviceIds)
      .orderBy('document')
      .execute(),
    db
      .selectFrom('contact as c')
      .leftJoin('phone as p', (join) =>
        join
          .onRef('p.contact_id', '=', 'c.id')
          .on('p.type', 'is distinct from', 'fax')
          .on('p.location_id', 'is', null),
      )
      .select([
        'c.id',
        'c.organization_id',
        'c.service_id',
        'c.name',
        'c.title',
        'c.email',
        'p.number',
        'p.extension',
      ])
      .where('c.location_id', 'is', null)
      .where('c.service_at_location_id', 'is', null)
      .where((eb) =>
        eb.or([
          eb('c.service_id', 'in', serviceIds),
          eb.and([eb('c.service_id', 'is', null), eb('c.organization_id', 'in', organizationIds)]),
        ]),
      )
      .orderBy('c.name')
      .orderBy('c.id')
      .orderBy('p.id')
      .execute(),
    organizationsAcceptingReferrals(db, organizationIds),
  ]);

  // A contact row per phone: grouped back into contacts.
  const byContact = new Map<
    string,
    ReferralContact & { serviceId: string | null; organizationId: string | null }
  >();
  for (const row of contacts) {
    const contact = byContact.get(row.id) ?? {
      serviceId: row.service_id,
      organizationId: row.organization_id,
      name: row.name,
      title: row.title,
      email: row.email,
      phones: [],
    };
    if (row.number) contact.phones.push({ number: row.number, extension: row.extension });
    byContact.set(row.id, contact);
  }
  const contactList = [...byContact.values()];

  for (const service of services) {
    // The service's own contacts first, else the organization's.
    const own = contactList.filter((contact) => contact.serviceId === service.id);
    const chosen = own.length
      ? own
      : contactList.filter(
          (contact) => !contact.serviceId && contact.organizationId === service.organization_id,
        );
    details.set(service.id, {
      eligibility: service.eligibility_description,
      minimumAge: service.minimum_age,
      maximumAge: service.maximum_age,
      applicationProcess: service.application_process,
      waitTime: service.wait_time,
      documents: documents.filter((row) => row.service_id === service.id).map((row) => row.document),
      contacts: chosen.slice(0, 3).map(({ name, title, email, phones }) => ({ name, title, email, phones })),
      acceptsReferrals: accepting.has(service.organization_id),
    });
  }
  return details;
}
