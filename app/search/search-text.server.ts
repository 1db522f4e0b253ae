/**
 * Keeps service.search_text — the denormalised keyword text behind service.search_vector —
 * in step with everything a survivor might type that is not the service name: alternate
 * name, description, organization name, categories and any other taxonomy terms (with their
 * parent category), eligibility and language names. Called after every import or edit.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';

const CHUNK = 5000;

/**
 * Recomputes search_text for the given services (all when omitted) in one UPDATE … FROM.
 * Rows whose text is already right are not rewritten. Returns the number of rows changed.
 */
export async function refreshSearchText(db: Kysely<Database>, serviceIds?: string[]): Promise<number> {
  if (serviceIds && serviceIds.length === 0) return 0;
  if (serviceIds && serviceIds.length > CHUNK) {
    // Keep bind parameters well under PostgreSQL's limit for very large imports.
    let changed = 0;
    for (let i = 0; i < serviceIds.length; i += CHUNK)
      changed += await refreshSearchText(db, serviceIds.slice(i, i + CHUNK));
    return changed;
  }
  const computed = db
    .selectFrom('service as sv')
    .innerJoin('organization as o', 'o.id', 'sv.organization_id')
    .select([
      'sv.id',
      sql<string>`concat_ws(' ',
        sv.alternate_name,
        nullif(sv.description, ''),
        o.name,
        (select string_agg(distinct term.name, ' ')
           from attribute a
           join taxonomy_term t on t.id = a.taxonomy_term_id
           cross join lateral (select t.name union all select p.name from taxonomy_term p where p.id = t.parent_id) term
          where a.link_entity = 'service' and a.link_id = sv.id),
        sv.eligibility_description,
        (select string_agg(distinct coalesce(l.name, l.code), ' ')
           from language l where l.service_id = sv.id))`.as('text'),
    ])
    .$if(serviceIds !== undefined, (query) => query.where('sv.id', 'in', serviceIds!));

  const result = await db
    .updateTable('service')
    .from(computed.as('computed'))
    .set((eb) => ({ search_text: eb.ref('computed.text') }))
    .whereRef('service.id', '=', 'computed.id')
    .where(sql<boolean>`service.search_text is distinct from computed.text`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
