/**
 * Organizations and taxonomy terms for the public API (HSDS 3.0 shapes). Only verified
 * organizations are public; their locations go through hsdsLocations (public point only).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { PHONE_ORDER_SQL } from '../search/service-facts.server';
import { hsdsLocations, hsdsTaxonomyTerm, ORGANIZATION_FIELDS } from './hsds.server';

type Row = Record<string, unknown>;

export async function listOrganizations(db: Kysely<Database>, page: number, perPage: number) {
  const [rows, count] = await Promise.all([
    sql<Row>`select ${ORGANIZATION_FIELDS} from organization o where o.verification_status = 'verified'
             order by o.name, o.id limit ${perPage} offset ${(page - 1) * perPage}`.execute(db),
    sql<{
      total: number;
    }>`select count(*)::int as total from organization o where o.verification_status = 'verified'`.execute(
      db,
    ),
  ]);
  return { contents: rows.rows, total: count.rows[0]?.total ?? 0 };
}

export async function getOrganization(db: Kysely<Database>, id: string): Promise<Row | null> {
  const organization = (
    await sql<Row>`select ${ORGANIZATION_FIELDS} from organization o
                   where o.id = ${id}::uuid and o.verification_status = 'verified'`.execute(db)
  ).rows[0];
  if (!organization) return null;
  const [phones, locationIds] = await Promise.all([
    // the organization's own phones: a location's phone belongs to the place (app/locations)
    sql<Row>`select p.id, p.number, p.extension, p.type, p.description from phone p
             where p.organization_id = ${id}::uuid and p.location_id is null
               and p.service_at_location_id is null
             order by ${PHONE_ORDER_SQL}`.execute(db),
    sql<{
      id: string;
    }>`select l.id from location l where l.organization_id = ${id}::uuid order by l.id`.execute(db),
  ]);
  const locations = await hsdsLocations(
    db,
    locationIds.rows.map((r) => r.id),
  );
  return {
    ...organization,
    phones: phones.rows,
    locations: locationIds.rows.flatMap((r) => locations.get(r.id) ?? []),
  };
}

export async function listTaxonomyTerms(
  db: Kysely<Database>,
  options: { page: number; perPage: number; taxonomy?: string; parentId?: string; topOnly?: boolean },
) {
  const conditions = [sql`true`];
  if (options.taxonomy) conditions.push(sql`t.taxonomy = ${options.taxonomy}`);
  if (options.parentId) conditions.push(sql`t.parent_id = ${options.parentId}::uuid`);
  if (options.topOnly) conditions.push(sql`t.parent_id is null`);
  const where = sql.join(conditions, sql` and `);
  const [rows, count] = await Promise.all([
    sql<Row>`select t.id, t.code, t.name, t.description, t.parent_id, t.taxonomy, t.language, t.term_uri,
               x.id as taxonomy_id, x.name as taxonomy_name, x.description as taxonomy_description,
               x.uri as taxonomy_uri, x.version as taxonomy_version
             from taxonomy_term t left join taxonomy x on x.id = t.taxonomy_id
             where ${where} order by t.taxonomy nulls last, t.parent_id nulls first, t.code, t.id
             limit ${options.perPage} offset ${(options.page - 1) * options.perPage}`.execute(db),
    sql<{ total: number }>`select count(*)::int as total from taxonomy_term t where ${where}`.execute(db),
  ]);
  const contents = rows.rows.map((r) => hsdsTaxonomyTerm(r));
  return { contents, total: count.rows[0]?.total ?? 0 };
}
