/**
 * Column values as they come out of the database, for every module that maps rows to DTOs, and
 * the id list as statements take it.
 */
import { sql } from 'kysely';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID as `uuid` columns take it (checked before a query, so a bad id is a 404, not a 500). */
export const isUuid = (value: string | null | undefined): value is string => !!value && UUID.test(value);

/** A timestamp column (a Date from pg and PGlite, text from some JSON paths) as ISO 8601. */
export const toIso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** A list of ids as one `uuid[]` parameter (`= any(…)`, `unnest(…)`), however many there are. */
export const uuidArray = (ids: ReadonlyArray<string | null>) => sql`cast(${ids} as uuid[])`;
