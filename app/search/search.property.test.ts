/**
 * Property: a nearby search returns exactly the services a brute-force haversine oracle finds
 * within the radius, in the same order (distance, then name). The oracle uses the same sphere
 * as earthdistance (radius 6378168 m); distances within a hair of each other count as ties.
 */
import fc from 'fast-check';
import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { addPublicLocations, createOrganization, resetListings } from '../../tests/helpers/fixtures';
import { searchServices } from './search.server';
import type { GeoPoint } from './types';

const EARTH_RADIUS_KM = 6378.168;
const EPSILON_KM = 1e-6;

function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Points in a 3° × 3° box over Texas, on a coarse grid so exact ties (same point) happen too.
const coordinate = fc.record({
  latitude: fc.integer({ min: 0, max: 300 }).map((n) => 29 + n / 100),
  longitude: fc.integer({ min: 0, max: 300 }).map((n) => -97 + n / 100),
});
const service = fc.record({
  name: fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'),
  locations: fc.array(coordinate, { minLength: 1, maxLength: 3 }),
});
const scenario = fc.record({
  services: fc.array(service, { minLength: 1, maxLength: 25 }),
  point: coordinate,
  radiusKm: fc.integer({ min: 1, max: 250 }),
});

describeEachEngine('nearby search vs. a haversine oracle', (context) => {
  const db = () => context.db;
  beforeEach(async () => {
    await resetListings(db());
  });

  it('finds the same services in the same order', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ services, point, radiusKm }) => {
        await resetListings(db());
        const organizationId = await createOrganization(db());
        const ids = await db()
          .insertInto('service')
          .values(services.map((s) => ({ organization_id: organizationId, name: s.name })))
          .returning('id')
          .execute();
        const places = services.flatMap((s, i) =>
          s.locations.map((where) => ({ serviceId: ids[i]!.id, where })),
        );
        await addPublicLocations(
          db(),
          organizationId,
          places.map(({ serviceId, where }) => ({ serviceId, ...where })),
        );

        const oracle = services
          .map((s, i) => ({
            id: ids[i]!.id,
            name: s.name,
            distance: Math.min(...s.locations.map((where) => haversineKm(point, where))),
          }))
          .filter((s) => s.distance <= radiusKm + EPSILON_KM)
          .sort(
            (a, b) => a.distance - b.distance || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
          );
        // A service right on the edge may fall either side of the cap through rounding: not a failure.
        const borderline = new Set(
          oracle.filter((s) => Math.abs(s.distance - radiusKm) < EPSILON_KM).map((s) => s.id),
        );

        const result = await searchServices(db(), {
          point,
          radiusKm,
          categories: [],
          freeOnly: false,
          openNow: false,
          page: 1,
          pageSize: 100,
        });
        const got = result.items.filter((item) => !borderline.has(item.serviceId));
        const expected = oracle.filter((s) => !borderline.has(s.id));
        expect(got.map((item) => item.serviceId).sort()).toEqual(expected.map((s) => s.id).sort());
        got.forEach((item, i) => {
          expect(item.distanceKm!).toBeCloseTo(expected[i]!.distance, 4);
          const previous = got[i - 1];
          if (previous && Math.abs(previous.distanceKm! - item.distanceKm!) < EPSILON_KM) {
            expect(previous.serviceName <= item.serviceName).toBe(true);
          }
        });
        expect(result.total).toBe(result.items.length);
      }),
      { numRuns: 40 },
    );
  });
});
