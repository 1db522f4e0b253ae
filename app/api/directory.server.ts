/**
 * Organizations, taxonomies and taxonomy terms for the public API (HSDS 3.0 shapes). Only
 * verified organizations are public; their locations go through hsdsLocations (public point
 * only). Plain selects, so the typed query builder: a renamed column fails the typecheck.
 * Every object leaves through withoutAbsent (HSDS fields are not nullable).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { organizationIdentifier } from '../hsds/derived';
import { PUBLIC_ORGANIZATION_STATUS } from '../search/visibility';
import { visible } from '../search/filters.server';
import { PHONE_ORDER_SQL } from '../search/service-facts.server';
import {
  hsdsLocations,
  hsdsPhone,
  hsdsServices,
  hsdsTaxonomyTerm,
  ORGANIZATION_COLUMNS,
  withoutAbsent,
} from './hsds.server';

type Row = Record<string, unknown>;
export interface Paging {
  page: number;
  perPage: number;
}
export interface Listed {
  contents: Row[];
  total: number;
}

const verifiedOrganizations = (db: Kysely<Database>) =>
  db.selectFrom('organization as o').where('o.verification_status', '=', PUBLIC_ORGANIZATION_STATUS);

/** `search` over names and descriptions: every word, case- and accent-insensitive. */
const wordsLike = (columns: string[], text: string | undefined) => {
  const words = (text ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return sql<boolean>`true`;
  const haystack = sql.join(
    columns.map((c) => sql`coalesce(${sql.ref(c)}, '')`),
    sql` || ' ' || `,
  );
  return sql<boolean>`(${sql.join(
    words.map(
      (w) =>
        sql`haven_unaccent(${haystack}) ilike '%' || haven_unaccent(${w.replace(/[\\%_]/g, (c) => `\\${c}`)}) || '%'`,
    ),
    sql` and `,
  )})`;
};

export interface OrganizationOptions {
  search?: string;
  /** Nested phones and locations (HSDS `full`). */
  full?: boolean;
  /** Nested full services (HSDS `full_service`); implies full. */
  fullService?: boolean;
}

export async function listOrganizations(
  db: Kysely<Database>,
  paging: Paging,
  options: OrganizationOptions = {},
): Promise<Listed> {
  const matching = verifiedOrganizations(db).where(
    wordsLike(['o.name', 'o.alternate_name', 'o.description'], options.search),
  );
  const [rows, count] = await Promise.all([
    matching
      .select('o.id')
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage)
      .execute(),
    matching
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    contents: await organizationsByIds(
      db,
      rows.map((r) => r.id),
      options,
    ),
    total: count.total,
  };
}

/** A verified organization (id already checked to be a UUID), nested as HSDS's /organizations/{id}. */
export async function getOrganization(
  db: Kysely<Database>,
  id: string,
  options: { fullService?: boolean } = {},
): Promise<Row | null> {
  const [organization] = await organizationsByIds(db, [id], { full: true, ...options });
  return organization ?? null;
}

/** Organizations in the order of `ids` (verified ones only), with what `options` nests. */
async function organizationsByIds(db: Kysely<Database>, ids: string[], options: OrganizationOptions) {
  if (ids.length === 0) return [];
  const full = options.full || options.fullService;
  const [organizations, identifiers, phones, locationIds, serviceIds] = await Promise.all([
    verifiedOrganizations(db).select(ORGANIZATION_COLUMNS).where('o.id', 'in', ids).execute(),
    db
      .selectFrom('organization as o')
      .select(['o.id', 'o.tax_id'])
      .where('o.id', 'in', ids)
      .where('o.tax_id', 'is not', null)
      .execute(),
    full
      ? db
          // the organization's own phones: a location's phone belongs to the place (app/locations)
          .selectFrom('phone as p')
          .select(['p.id', 'p.organization_id', 'p.number', 'p.extension', 'p.type', 'p.description'])
          .where('p.organization_id', 'in', ids)
          .where('p.location_id', 'is', null)
          .where('p.service_at_location_id', 'is', null)
          .orderBy(PHONE_ORDER_SQL)
          .execute()
      : [],
    full
      ? db
          .selectFrom('location as l')
          .select(['l.id', 'l.organization_id'])
          .where('l.organization_id', 'in', ids)
          .orderBy('l.id')
          .execute()
      : [],
    options.fullService
      ? db
          .selectFrom('service as s')
          .innerJoin('organization as o', 'o.id', 's.organization_id')
          .select(['s.id'])
          .where('s.organization_id', 'in', ids)
          .where(visible)
          .orderBy('s.name')
          .orderBy('s.id')
          .execute()
      : [],
  ]);
  const [locations, services] = await Promise.all([
    hsdsLocations(
      db,
      locationIds.map((r) => r.id),
    ),
    hsdsServices(
      db,
      serviceIds.map((r) => r.id),
    ),
  ]);
  const byId = new Map(organizations.map((o) => [o.id, o]));
  return ids.flatMap((id) => {
    const organization = byId.get(id);
    if (!organization) return [];
    const item: Row = {
      ...organization,
      // HSDS requires a description; an organization without one is described by its name.
      description: organization.description || organization.name,
      organization_identifiers: identifiers
        .filter((r) => r.id === id)
        .map((r) => organizationIdentifier(id, r.tax_id!)),
    };
    if (full) {
      item.phones = phones.filter((p) => p.organization_id === id).map(hsdsPhone);
      item.locations = locationIds
        .filter((l) => l.organization_id === id)
        .flatMap((l) => locations.get(l.id) ?? []);
    }
    if (options.fullService) item.services = services.filter((s) => s.organization_id === id);
    return [withoutAbsent(item)];
  });
}

const TERM_COLUMNS = [
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
] as const;

export interface TermOptions {
  search?: string;
  taxonomy?: string;
  taxonomyId?: string;
  parentId?: string;
  topOnly?: boolean;
}

export async function listTaxonomyTerms(
  db: Kysely<Database>,
  paging: Paging,
  options: TermOptions = {},
): Promise<Listed> {
  const terms = db
    .selectFrom('taxonomy_term as t')
    .leftJoin('taxonomy as x', 'x.id', 't.taxonomy_id')
    .$if(options.taxonomy !== undefined, (q) => q.where('t.taxonomy', '=', options.taxonomy!))
    .$if(options.taxonomyId !== undefined, (q) => q.where('t.taxonomy_id', '=', options.taxonomyId!))
    .$if(options.parentId !== undefined, (q) => q.where('t.parent_id', '=', options.parentId!))
    .$if(options.topOnly === true, (q) => q.where('t.parent_id', 'is', null))
    .where(wordsLike(['t.name', 't.code', 't.description'], options.search));
  const [rows, count] = await Promise.all([
    terms
      .select(TERM_COLUMNS)
      .orderBy('t.taxonomy', (o) => o.nullsLast())
      .orderBy('t.parent_id', (o) => o.nullsFirst())
      .orderBy('t.code')
      .orderBy('t.id')
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage)
      .execute(),
    terms.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('total')).executeTakeFirstOrThrow(),
  ]);
  return { contents: rows.map((r) => withoutAbsent(hsdsTaxonomyTerm(r))), total: count.total };
}

export async function getTaxonomyTerm(db: Kysely<Database>, id: string): Promise<Row | null> {
  const row = await db
    .selectFrom('taxonomy_term as t')
    .leftJoin('taxonomy as x', 'x.id', 't.taxonomy_id')
    .select(TERM_COLUMNS)
    .where('t.id', '=', id)
    .executeTakeFirst();
  return row ? withoutAbsent(hsdsTaxonomyTerm(row)) : null;
}

const hsdsTaxonomy = (row: Row) =>
  // HSDS requires a description; a taxonomy without one is described by its name.
  withoutAbsent({ ...row, description: row.description || row.name });

export async function listTaxonomies(
  db: Kysely<Database>,
  paging: Paging,
  options: { search?: string } = {},
): Promise<Listed> {
  const taxonomies = db
    .selectFrom('taxonomy as x')
    .where(wordsLike(['x.name', 'x.description'], options.search));
  const [rows, count] = await Promise.all([
    taxonomies
      .select(['x.id', 'x.name', 'x.description', 'x.uri', 'x.version'])
      .orderBy('x.name')
      .orderBy('x.id')
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage)
      .execute(),
    taxonomies
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { contents: rows.map(hsdsTaxonomy), total: count.total };
}

export async function getTaxonomy(db: Kysely<Database>, id: string): Promise<Row | null> {
  const row = await db
    .selectFrom('taxonomy as x')
    .select(['x.id', 'x.name', 'x.description', 'x.uri', 'x.version'])
    .where('x.id', '=', id)
    .executeTakeFirst();
  return row ? hsdsTaxonomy(row) : null;
}
