/**
 * Organizations and taxonomy terms for the public API (HSDS 3.0 shapes). Only verified
 * organizations are public; their locations go through hsdsLocations (public point only).
 * Plain selects, so the typed query builder: a renamed column fails the typecheck.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { PUBLIC_ORGANIZATION_STATUS } from '../listings/visibility';
import { PHONE_ORDER_SQL } from '../search/service-facts.server';
import { hsdsLocations, hsdsTaxonomyTerm, ORGANIZATION_COLUMNS } from './hsds.server';

const verifiedOrganizations = (db: Kysely<Database>) =>
  db.selectFrom('organization as o').where('o.verification_status', '=', PUBLIC_ORGANIZATION_STATUS);

export async function listOrganizations(db: Kysely<Database>, page: number, perPage: number) {
  const [contents, count] = await Promise.all([
    verifiedOrganizations(db)
      .select(ORGANIZATION_COLUMNS)
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    verifiedOrganizations(db)
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { contents, total: count.total };
}

/** A verified organization (id already checked to be a UUID) with its phones and public locations. */
export async function getOrganization(db: Kysely<Database>, id: string) {
  const organization = await verifiedOrganizations(db)
    .select(ORGANIZATION_COLUMNS)
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!organization) return null;
  const [phones, locationIds] = await Promise.all([
    // the organization's own phones: a location's phone belongs to the place (app/locations)
    db
      .selectFrom('phone as p')
      .select(['p.id', 'p.number', 'p.extension', 'p.type', 'p.description'])
      .where('p.organization_id', '=', id)
      .where('p.location_id', 'is', null)
      .where('p.service_at_location_id', 'is', null)
      .orderBy(PHONE_ORDER_SQL)
      .execute(),
    db
      .selectFrom('location as l')
      .select('l.id')
      .where('l.organization_id', '=', id)
      .orderBy('l.id')
      .execute(),
  ]);
  const locations = await hsdsLocations(
    db,
    locationIds.map((r) => r.id),
  );
  return {
    ...organization,
    phones,
    locations: locationIds.flatMap((r) => locations.get(r.id) ?? []),
  };
}

export async function listTaxonomyTerms(
  db: Kysely<Database>,
  options: { page: number; perPage: number; taxonomy?: string; parentId?: string; topOnly?: boolean },
) {
  const terms = db
    .selectFrom('taxonomy_term as t')
    .$if(options.taxonomy !== undefined, (q) => q.where('t.taxonomy', '=', options.taxonomy!))
    .$if(options.parentId !== undefined, (q) => q.where('t.parent_id', '=', options.parentId!))
    .$if(options.topOnly === true, (q) => q.where('t.parent_id', 'is', null));
  const [rows, count] = await Promise.all([
    terms
      .leftJoin('taxonomy as x', 'x.id', 't.taxonomy_id')
      .select([
        't.id',
        't.code',
        't.name',
        't.description',
        't.parent_id',
        't.taxonomy',
        't.language',
        't.term_uri',
        'x.id as taxonomy_id',
        'x.name as taxonomy_name',
        'x.description as taxonomy_description',
        'x.uri as taxonomy_uri',
        'x.version as taxonomy_version',
      ])
      .orderBy('t.taxonomy', (o) => o.nullsLast())
      .orderBy('t.parent_id', (o) => o.nullsFirst())
      .orderBy('t.code')
      .orderBy('t.id')
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage)
      .execute(),
    terms.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('total')).executeTakeFirstOrThrow(),
  ]);
  return { contents: rows.map((r) => hsdsTaxonomyTerm(r)), total: count.total };
}
