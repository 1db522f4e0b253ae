import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { seedDir } from '../../tests/helpers/hsds';
import { havenTaxonomyId } from './ids.server';
import { seedDemoData } from './seed.server';

describeEachEngine('demo data', (t) => {
  it('loads the sample directory through the importer into an empty database', async () => {
    const lines: string[] = [];
    const result = await seedDemoData(t.db, { dir: seedDir, log: (line) => lines.push(line) });
    expect(result.seeded).toBe(true);
    expect(result.services).toBeGreaterThanOrEqual(200);
    expect(lines[0]).toMatch(/^demo data: loaded \d+ sample services/);
  });

  it('is fictional and marked as sample data', async () => {
    const orgs = await t.db
      .selectFrom('organization')
      .select(['is_sample', 'description', 'verification_status'])
      .execute();
    expect(
      orgs.every(
        (org) =>
          org.is_sample && org.description.includes('(Sample)') && org.verification_status === 'verified',
      ),
    ).toBe(true);
    const phones = await t.db.selectFrom('phone').select('number').execute();
    expect(phones.every((phone) => /555-01\d\d$/.test(phone.number))).toBe(true);
  });

  it('covers at least 12 metro areas and every Haven category', async () => {
    const metros = await t.db.selectFrom('address').select(['city', 'state_province']).distinct().execute();
    const states = new Set(metros.map((m) => m.state_province));
    expect(states.size).toBeGreaterThanOrEqual(12);
    const cities = metros.map((m) => `${m.city}, ${m.state_province}`);
    for (const city of ['Houston, TX', 'Boise, ID', 'Des Moines, IA', 'El Paso, TX', 'Toledo, OH'])
      expect(cities).toContain(city);
    const categories = await t.db
      .selectFrom('attribute')
      .innerJoin('taxonomy_term as term', 'term.id', 'attribute.taxonomy_term_id')
      .select('term.code')
      .distinct()
      .where('term.taxonomy_id', '=', havenTaxonomyId('haven'))
      .where('term.parent_id', 'is', null)
      .execute();
    expect(categories.map((c) => c.code).sort()).toEqual([
      'basic-needs',
      'case-management',
      'counseling',
      'health',
      'hotlines',
      'housing',
      'legal-aid',
      'vocational',
    ]);
    const subcategories = await t.db
      .selectFrom('attribute')
      .innerJoin('taxonomy_term as term', 'term.id', 'attribute.taxonomy_term_id')
      .select('term.code')
      .distinct()
      .where('term.taxonomy_id', '=', havenTaxonomyId('haven'))
      .where('term.parent_id', 'is not', null)
      .execute();
    expect(subcategories.length).toBeGreaterThanOrEqual(25);
  });

  it('has confidential shelters shown at their ZIP centroid', async () => {
    const shelters = await t.db
      .selectFrom('location')
      .select(['latitude', 'public_latitude', 'public_area_label'])
      .where('is_confidential', '=', true)
      .execute();
    expect(shelters.length).toBeGreaterThanOrEqual(5);
    for (const shelter of shelters) {
      expect(shelter.public_latitude).not.toBe(shelter.latitude);
      expect(shelter.public_area_label).toMatch(/^[A-Z][\w .]+, [A-Z]{2} area$/);
    }
  });

  it('has nationwide, statewide and radius hotlines without a location', async () => {
    const areas = await t.db
      .selectFrom('service_area')
      .innerJoin('service', 'service.id', 'service_area.service_id')
      .select(['coverage', 'service.delivery'])
      .execute();
    const coverages = new Set(areas.map((a) => a.coverage));
    expect([...coverages].sort()).toEqual(['nationwide', 'radius', 'states']);
    expect(areas.filter((a) => a.coverage === 'nationwide').some((a) => a.delivery.includes('phone'))).toBe(
      true,
    );
  });

  it('has Spanish-speaking services, free and paid ones, hours past midnight and time zones', async () => {
    const spanish = await t.db.selectFrom('language').select('service_id').where('code', '=', 'es').execute();
    expect(spanish.length).toBeGreaterThanOrEqual(50);
    const mentions = await t.db
      .selectFrom('service')
      .select('id')
      .where('description', 'like', '%Spanish%')
      .execute();
    expect(mentions.length).toBeGreaterThan(0);
    const costs = await t.db
      .selectFrom('attribute')
      .innerJoin('taxonomy_term as term', 'term.id', 'attribute.taxonomy_term_id')
      .select('term.code')
      .distinct()
      .where('term.taxonomy_id', '=', havenTaxonomyId('haven-cost'))
      .execute();
    expect(costs.map((c) => c.code).sort()).toEqual(['fee', 'free', 'insurance', 'sliding-scale']);
    const overnight = await t.db
      .selectFrom('schedule')
      .select('id')
      .whereRef('closes_at', '<', 'opens_at')
      .execute();
    expect(overnight.length).toBeGreaterThan(0);
    const withoutZone = await t.db
      .selectFrom('schedule')
      .select('id')
      .where('timezone_name', 'is', null)
      .execute();
    expect(withoutZone).toEqual([]);
    const verified = await t.db.selectFrom('service').select(['last_verified_at']).execute();
    const ages = verified.map((s) => new Date(s.last_verified_at!).getTime());
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(200 * 86_400_000);
  });

  it('does nothing when the database already has organizations', async () => {
    const result = await seedDemoData(t.db, { dir: seedDir });
    expect(result).toMatchObject({ seeded: false, services: 0 });
  });
});
