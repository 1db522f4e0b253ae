import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { havenTermId } from '../hsds/ids.server';
import { refreshSearchText } from './search-text.server';

describeEachEngine('service search text', (t) => {
  const orgId = randomUUID();
  const serviceId = randomUUID();
  const otherId = randomUUID();

  it('gathers description, organization, categories with their parent, eligibility and languages, but not the name', async () => {
    await t.db.insertInto('organization').values({ id: orgId, name: 'Lantern Legal Project' }).execute();
    await t.db
      .insertInto('service')
      .values([
        {
          id: serviceId,
          organization_id: orgId,
          name: 'Visa Clinic',
          alternate_name: 'T-visa help',
          description: 'Free consultations.',
          eligibility_description: 'Survivors of labor trafficking',
        },
        { id: otherId, organization_id: orgId, name: 'Other', description: 'Untouched.' },
      ])
      .execute();
    await t.db
      .insertInto('attribute')
      .values({
        id: randomUUID(),
        link_id: serviceId,
        link_entity: 'service',
        taxonomy_term_id: havenTermId('haven', 'immigration-relief'),
      })
      .execute();
    await t.db
      .insertInto('language')
      .values({ id: randomUUID(), service_id: serviceId, name: 'Spanish', code: 'es' })
      .execute();

    expect(await refreshSearchText(t.db, [serviceId])).toBe(1);
    const row = await t.db
      .selectFrom('service')
      .select('search_text')
      .where('id', '=', serviceId)
      .executeTakeFirstOrThrow();
    for (const part of [
      'T-visa help',
      'Free consultations.',
      'Lantern Legal Project',
      'Immigration relief (T and U visas)',
      'Legal aid',
      'Survivors of labor trafficking',
      'Spanish',
    ]) {
      expect(row.search_text).toContain(part);
    }
    expect(row.search_text).not.toContain('Visa Clinic');
    const other = await t.db
      .selectFrom('service')
      .select('search_text')
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow();
    expect(other.search_text).toBe('');
  });

  it('rewrites only rows whose text changed, and all services when given no ids', async () => {
    expect(await refreshSearchText(t.db, [serviceId])).toBe(0);
    expect(await refreshSearchText(t.db)).toBe(1);
    // search_vector (generated from name + search_text) now finds the service by a description word.
    const matches = await t.db
      .selectFrom('service')
      .select('id')
      .where(sql<boolean>`search_vector @@ plainto_tsquery('english', 'consultation')`)
      .execute();
    expect(matches.map((m) => m.id)).toContain(serviceId);
  });
});
