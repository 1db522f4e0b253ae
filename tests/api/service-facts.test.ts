/**
 * A result card and the service page it links to show the same facts (issue 10, point 3): the
 * same "open now" in a state split between two time zones (El Paso, TX; Pensacola in the Florida
 * panhandle), and the same first phone. Over real HTTP, on each engine.
 *
 * The hours make the zone visible at any moment: open during every even hour of the day, so an
 * hour's shift between the state's main zone and the local one flips open into closed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuild } from '../../scripts/lib/build';
import { startTestApp, type RunningApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { addLocation, addSchedule, createService } from '../helpers/fixtures';

const PLACES = [
  {
    name: 'El Paso Survivor Center',
    lat: 31.7619,
    lng: -106.485,
    city: 'El Paso',
    state: 'TX',
    zip: '79901',
  },
  {
    name: 'Pensacola Survivor Center',
    lat: 30.4213,
    lng: -87.2169,
    city: 'Pensacola',
    state: 'FL',
    zip: '32502',
  },
];
const EVERY_DAY = 'MO,TU,WE,TH,FR,SA,SU';
const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

describeEachEngine('Result card and service page agree', (t) => {
  let app: RunningApp;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    ensureBuild();
    for (const place of PLACES) {
      const serviceId = await createService(t.db, { name: place.name });
      const locationId = await addLocation(t.db, serviceId, {
        latitude: place.lat,
        longitude: place.lng,
        address: { address1: '1 Main St', city: place.city, state: place.state, postalCode: place.zip },
      });
      // no time zone on the schedules: the location's zone applies
      for (let hour = 0; hour < 24; hour += 2)
        await addSchedule(
          t.db,
          { locationId },
          { byday: EVERY_DAY, opensAt: pad(hour), closesAt: pad(hour + 1) },
        );
      // a text line with a lower number, and a voice line: the voice line is "the" phone
      await t.db
        .insertInto('phone')
        .values([
          { location_id: locationId, number: '111-555-0101', type: 'text' },
          { location_id: locationId, number: '999-555-0199', type: 'voice' },
        ])
        .execute();
      ids.set(place.name, serviceId);
    }
    app = await startTestApp(t.db);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const html = async (path: string) => (await fetch(`${app.baseUrl}${path}`)).text();

  for (const place of PLACES) {
    it(`shows the same open-now and phone on the card and the page (${place.city}, ${place.state})`, async () => {
      const id = ids.get(place.name)!;
      const search = await html(`/search?lat=${place.lat}&lng=${place.lng}`);
      const start = search.indexOf(`/services/${id}"`);
      expect(start, 'card listed').toBeGreaterThan(0);
      const next = search.indexOf('/services/', start + 10);
      const card = search.slice(start, next > 0 ? next : undefined);
      const page = await html(`/services/${id}`);
      const cardOpen = /class="(open|closed)"/.exec(card)?.[1];
      const pageOpen = /class="(open|closed)"/.exec(page)?.[1];
      expect(cardOpen).toBeDefined();
      expect(pageOpen).toBe(cardOpen);
      expect(card).toContain('999-555-0199');
      expect(/href="tel:([^"]+)"/.exec(page.slice(page.indexOf('<h1')))?.[1]).toContain('9995550199');
    });
  }
});
