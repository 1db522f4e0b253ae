/**
 * A confidential location leaves Haven only in its public form (issue 9, points 2 and 4): a
 * package whose confidential place carries a sentinel in every free-text field — its own and
 * those of the rows tied to it — is imported through the real importer, exported, and served
 * by the real HTTP app; no sentinel, no exact coordinate and no place phone number appears in
 * any exported file, API body (JSON and NDJSON) or page (HTML and loader data).
 */
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportHsds } from '../../app/hsds/export.server';
import { stableId } from '../../app/hsds/ids.server';
import { importHsds } from '../../app/hsds/import.server';
import { ensureBuild } from '../../scripts/lib/build';
import { startTestApp, type RunningApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { writePackage } from '../helpers/hsds';

const S = (field: string) => `SENTINEL-${field}`;
const EXACT = { latitude: '29.75213', longitude: '-95.39871' };
const PLACE_PHONE = '713-555-0142';
/** Everything that must never appear in public. */
const SECRETS = [
  /SENTINEL-/,
  new RegExp(EXACT.latitude.replace('.', '\\.')),
  new RegExp(EXACT.longitude.replace('.', '\\.')),
  new RegExp(PLACE_PHONE),
];

const csv = (header: string, ...rows: string[]) => `${header}\n${rows.join('\n')}\n`;

function sentinelPackage(): string {
  return writePackage({
    'organizations.csv': csv('id,name,description', 'org-1,Elm Coalition,Help for survivors.'),
    'services.csv': csv(
      'id,organization_id,name,description,delivery',
      'svc-1,org-1,Elm Emergency Shelter,A safe place to stay.,in_person',
    ),
    'locations.csv': csv(
      'id,organization_id,name,alternate_name,description,transportation,latitude,longitude,url,external_identifier,external_identifier_type,is_confidential',
      `loc-1,org-1,${S('name')},${S('alternate_name')},${S('description')},${S('transportation')},${EXACT.latitude},${EXACT.longitude},https://example.org/${S('url')},${S('external_identifier')},${S('external_identifier_type')},yes - do not publish`,
    ),
    'addresses.csv': csv(
      'id,location_id,attention,address_1,address_2,city,state_province,postal_code,country,address_type',
      `addr-1,loc-1,${S('attention')},12 Elm St ${S('address_1')},${S('address_2')},Houston,TX,77006,US,physical`,
    ),
    'service_at_location.csv': csv(
      'id,service_id,location_id,description',
      `sal-1,svc-1,loc-1,${S('sal_description')}`,
    ),
    'phones.csv': csv(
      'id,location_id,service_id,organization_id,service_at_location_id,number,type,description',
      `ph-loc,loc-1,,,,${PLACE_PHONE},voice,House landline at 12 Elm St ${S('phone_description')}`,
      `ph-sal,,,,sal-1,${PLACE_PHONE},voice,${S('sal_phone')}`,
      `ph-org,,,org-1,,713-555-0100,voice,Main office`,
    ),
    'accessibility.csv': csv(
      'id,location_id,description,details,url',
      `acc-1,loc-1,${S('acc_description')},${S('acc_details')},https://example.org/${S('acc_url')}`,
    ),
    'schedules.csv': csv(
      'id,location_id,service_at_location_id,byday,opens_at,closes_at,freq,description,notes,attending_type,schedule_link',
      `sch-1,loc-1,,MO,09:00,17:00,WEEKLY,Intake at the Elm St back door ${S('schedule_description')},${S('schedule_notes')},${S('attending')},https://example.org/${S('link')}`,
      `sch-2,,sal-1,TU,09:00,17:00,WEEKLY,${S('sal_schedule')},${S('sal_schedule_notes')},,`,
    ),
    'contacts.csv': csv(
      'id,location_id,service_at_location_id,name,title,email',
      `con-1,loc-1,,${S('contact_name')},${S('contact_title')},${S('contact')}@example.org`,
      `con-2,,sal-1,${S('sal_contact')},,`,
    ),
    'languages.csv': csv('id,location_id,name,code,note', `lang-1,loc-1,Spanish,es,${S('language_note')}`),
    'service_areas.csv': csv(
      'id,service_at_location_id,name,description,coverage,coverage_radius_km,coverage_latitude,coverage_longitude',
      `area-1,sal-1,${S('area_name')},${S('area_description')},radius,5,${EXACT.latitude},${EXACT.longitude}`,
    ),
  });
}

function expectNoSecrets(where: string, text: string) {
  for (const secret of SECRETS) expect(text, `${where} contains ${secret}`).not.toMatch(secret);
}

describeEachEngine('Confidential location: one public projection everywhere', (t) => {
  const source = 'sentinel';
  const serviceId = stableId(source, 'service', 'svc-1');
  const organizationId = stableId(source, 'organization', 'org-1');
  let app: RunningApp;

  beforeAll(async () => {
    ensureBuild();
    const report = await importHsds(t.db, sentinelPackage(), { source });
    expect(report.tables.location?.imported).toBe(1);
    app = await startTestApp(t.db);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('exports nothing of the place but its public point, area label and the services there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-sentinel-'));
    await exportHsds(t.db, dir);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expectNoSecrets(file, readFileSync(path.join(dir, file), 'utf8'));
    const all = files.map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n');
    expect(all).toContain('Houston, TX 77006');
    expect(all).toContain('Elm Emergency Shelter');
    expect(all).toContain('713-555-0100');
  });

  it('serves the API (JSON and NDJSON) and the pages (HTML and loader data) without the place', async () => {
    const paths = [
      `/api/v1/services/${serviceId}`,
      `/api/v1/services?near=77006`,
      `/api/v1/services?near=77006&format=ndjson`,
      `/api/v1/services?q=shelter`,
      `/api/v1/organizations/${organizationId}`,
      `/services/${serviceId}`,
      `/services/${serviceId}.data`,
      `/organizations/${organizationId}`,
      `/organizations/${organizationId}.data`,
      `/search?near=77006`,
      `/search.data?near=77006`,
      `/search?q=shelter`,
    ];
    let shownArea = 0;
    for (const url of paths) {
      const response = await fetch(`${app.baseUrl}${url}`);
      const body = await response.text();
      expectNoSecrets(url, body);
      if (body.includes('Houston, TX 77006')) shownArea++;
    }
    // the place is there, in its public form
    expect(shownArea).toBeGreaterThanOrEqual(8);
  });
});
