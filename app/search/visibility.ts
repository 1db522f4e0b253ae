/**
 * The one rule of what the public may see (DESIGN.md §4): an active service of a verified
 * organization. Pending organizations wait for verification; a suspended organization
 * (`verification_status = 'suspended'`, app/listings/suspension.server.ts) fails the rule, so
 * everything it has leaves /search, the map, the service and organization pages and /api/v1 at
 * once, and comes back when an admin reinstates it.
 *
 * Every public query reads the rule from here. The database keeps `search_point` (what nearby
 * search and the map walk) with the same rule in `haven_refresh_search_points` (migration 0006,
 * frozen), refreshed by the organization trigger the moment the status changes;
 * tests/listings/suspension.test.ts proves the two agree on every public surface.
 */
import { sql } from 'kysely';

export const PUBLIC_ORGANIZATION_STATUS = 'verified' as const;
export const PUBLIC_SERVICE_STATUS = 'active' as const;

/** The rule as SQL over the aliases `s` (service) and `o` (organization). */
export const publicServiceSql = sql<boolean>`s.status = ${sql.lit(PUBLIC_SERVICE_STATUS)} and o.verification_status = ${sql.lit(PUBLIC_ORGANIZATION_STATUS)}`;
