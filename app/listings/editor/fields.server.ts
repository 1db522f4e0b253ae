/**
 * How each logical field of the service editor is stored: read (the exact rows, ids and all,
 * kept in the audit event so a revert can put them back byte for byte), shown (the form value),
 * written from a form value, and restored from stored rows. The only SQL of the editor's fields.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/types';
import { lookupCity, lookupZip, stateTimeZone, type Place } from '../../geo/gazetteer.server';
import { findLanguage } from '../../hsds/languages';
import { publicAreaLabel, safePublicPoint } from '../../locations/confidential';
import { DELIVERY_MODES } from '../../search/filters';
import { CATEGORY_SLUGS, COST_SLUGS, POPULATION_SLUGS, TAXONOMY } from '../../search/taxonomy';
import { type HoursRow, hoursToRows, rowsToHours } from './hours-form';
import type { EditorStatus, FieldName, FormValues, LocationValue } from './schema';

type Trx = Transaction<Database>;
export interface FieldContext {
  trx: Trx;
  serviceId: string;
  organizationId: string;
  /** The service's first location (the one the editor edits), if any. */
  locationId: string | null;
}

interface FieldStore<F extends FieldName> {
  read(ctx: FieldContext): Promise<unknown>;
  toForm(stored: unknown): FormValues[F];
  write(ctx: FieldContext, value: FormValues[F], next: FormValues): Promise<void>;
  restore(ctx: FieldContext, stored: unknown): Promise<void>;
}
type Stores = { [F in FieldName]: FieldStore<F> };

type ServiceColumn =
  | 'name'
  | 'description'
  | 'eligibility_description'
  | 'minimum_age'
  | 'maximum_age'
  | 'fees_description'
  | 'application_process'
  | 'email'
  | 'url'
  | 'delivery'
  | 'status'
  | 'reopens_on';
type Columns = Record<string, unknown>;

/** A field held in columns of the service row. */
function columns<F extends FieldName>(
  names: ServiceColumn[],
  toForm: (row: Columns) => FormValues[F],
  fromForm: (value: FormValues[F]) => Columns,
): FieldStore<F> {
  const restore = async (ctx: FieldContext, stored: unknown) => {
    await ctx.trx
      .updateTable('service')
      .set(stored as never)
      .where('id', '=', ctx.serviceId)
      .execute();
  };
  return {
    read: async (ctx) =>
      ctx.trx.selectFrom('service').select(names).where('id', '=', ctx.serviceId).executeTakeFirstOrThrow(),
    toForm: (stored) => toForm(stored as Columns),
    write: (ctx, value) => restore(ctx, fromForm(value)),
    restore,
  };
}

const textOrNull = (value: string) => (value === '' ? null : value);
const str = (value: unknown) => (typeof value === 'string' ? value : '');

const column = <F extends FieldName>(name: ServiceColumn, nullable: boolean) =>
  columns<F>(
    [name],
    (row) => str(row[name]) as FormValues[F],
    (value) => ({ [name]: nullable ? textOrNull(value as string) : value }),
  );

/** A field held in attribute rows of one Haven taxonomy. */
function terms<F extends 'categories' | 'populations' | 'costs'>(
  taxonomy: string,
  slugs: readonly string[],
): FieldStore<F> {
  const current = (ctx: FieldContext) =>
    ctx.trx
      .selectFrom('attribute as a')
      .innerJoin('taxonomy_term as t', 't.id', 'a.taxonomy_term_id')
      .selectAll('a')
      .select('t.code')
      .where('a.link_entity', '=', 'service')
      .where('a.link_id', '=', ctx.serviceId)
      .where('t.taxonomy', '=', taxonomy)
      .orderBy('a.id')
      .execute();
  const clear = async (ctx: FieldContext) => {
    const ids = (await current(ctx)).map((row) => row.id);
    if (ids.length > 0) await ctx.trx.deleteFrom('attribute').where('id', 'in', ids).execute();
  };
  return {
    read: current,
    // In the taxonomy's own order, as the form schema normalizes it.
    toForm: (stored) => {
      const codes = new Set((stored as Array<{ code: string | null }>).map((row) => row.code));
      return slugs.filter((slug) => codes.has(slug)) as FormValues[F];
    },
    async write(ctx, value) {
      await clear(ctx);
      const codes = value as string[];
      if (codes.length === 0) return;
      const found = await ctx.trx
        .selectFrom('taxonomy_term')
        .select(['id', 'code'])
        .where('taxonomy', '=', taxonomy)
        .where('code', 'in', codes)
        .execute();
      await ctx.trx
        .insertInto('attribute')
        .values(
          found.map((term) => ({
            link_id: ctx.serviceId,
            link_entity: 'service' as const,
            link_type: 'service',
            taxonomy_term_id: term.id,
          })),
        )
        .execute();
    },
    async restore(ctx, stored) {
      await clear(ctx);
      const rows = (stored as Array<Record<string, unknown>>).map(({ code: _code, ...row }) => row);
      if (rows.length > 0)
        await ctx.trx
          .insertInto('attribute')
          .values(rows as never)
          .execute();
    },
  };
}

/** Child rows of the service in one table, replaced as a set. */
function childRows<F extends FieldName>(
  table: 'language' | 'phone' | 'service_area',
  toForm: (rows: Array<Record<string, unknown>>) => FormValues[F],
  fromForm: (value: FormValues[F], ctx: FieldContext, next: FormValues) => Array<Record<string, unknown>>,
): FieldStore<F> {
  const restore = async (ctx: FieldContext, stored: unknown) => {
    await ctx.trx.deleteFrom(table).where('service_id', '=', ctx.serviceId).execute();
    const rows = stored as Array<Record<string, unknown>>;
    if (rows.length > 0)
      await ctx.trx
        .insertInto(table)
        .values(rows as never)
        .execute();
  };
  return {
    read: (ctx) =>
      ctx.trx.selectFrom(table).selectAll().where('service_id', '=', ctx.serviceId).orderBy('id').execute(),
    toForm: (stored) => toForm(stored as Array<Record<string, unknown>>),
    async write(ctx, value, next) {
      // Ids in ascending order, so reading "order by id" gives the rows back in the order typed
      // (the first phone stays the first).
      const fresh = fromForm(value, ctx, next);
      const ids = fresh.map(() => randomUUID()).sort();
      const rows = fresh.map((row, i) => ({ ...row, id: ids[i], service_id: ctx.serviceId }));
      await ctx.trx.deleteFrom(table).where('service_id', '=', ctx.serviceId).execute();
      if (rows.length > 0)
        await ctx.trx
          .insertInto(table)
          .values(rows as never)
          .execute();
    },
    restore,
  };
}

/** Which place an address names, for centring the map and the public point (offline gazetteer). */
export function placeOf(value: Pick<LocationValue, 'postalCode' | 'city' | 'state'>): Place | null {
  const zip = value.postalCode ? lookupZip(value.postalCode) : null;
  if (zip) return zip;
  return value.city && value.state ? lookupCity(value.city, value.state) : null;
}

/**
 * For the editor page: the hours' time zone (the location's state), the public area label, and
 * the address's gazetteer centre (where the map starts when the place has no pin yet).
 */
export function placeView(location: LocationValue): {
  timeZone: string | null;
  areaLabel: string | null;
  centre: { latitude: number; longitude: number } | null;
} {
  const place = placeOf(location);
  const state = location.state || place?.state || '';
  return {
    timeZone: state ? stateTimeZone(state, location.longitude ?? undefined) : null,
    areaLabel: place ? publicAreaLabel(place) : null,
    centre: place ? { latitude: place.latitude, longitude: place.longitude } : null,
  };
}

const LOCATION_COLUMNS = [
  'id',
  'latitude',
  'longitude',
  'is_confidential',
  'public_latitude',
  'public_longitude',
  'public_area_label',
  'geocode_source',
  'transportation',
] as const;

interface StoredLocation {
  location: Record<(typeof LOCATION_COLUMNS)[number], unknown> | null;
  link: Record<string, unknown> | null;
  address: Record<string, unknown> | null;
}

/**
 * The location columns for a form value: the exact point (typed or dragged; else the address's
 * gazetteer centre for an ordinary place), and the public point by the shared confidential
 * rules (app/locations/confidential.ts): the area centre, moved when closer than 1 km.
 */
export function locationColumns(value: LocationValue) {
  const place = placeOf(value);
  const typed = value.latitude !== null && value.longitude !== null;
  const exact = typed
    ? { latitude: value.latitude!, longitude: value.longitude! }
    : !value.confidential && place
      ? { latitude: place.latitude, longitude: place.longitude }
      : null;
  let publicPoint = exact;
  let label: string | null = null;
  if (value.confidential) {
    publicPoint = place ? safePublicPoint(exact, place).point : null;
    label = place ? publicAreaLabel(place) : null;
  }
  return {
    latitude: exact?.latitude ?? null,
    longitude: exact?.longitude ?? null,
    is_confidential: value.confidential,
    public_latitude: publicPoint?.latitude ?? null,
    public_longitude: publicPoint?.longitude ?? null,
    public_area_label: label,
    geocode_source: typed ? ('manual' as const) : exact ? ('gazetteer' as const) : ('missing' as const),
    transportation: textOrNull(value.transportation),
  };
}

const isBlankLocation = (value: LocationValue) =>
  !value.address1 && !value.city && !value.postalCode && value.latitude === null;

const locationStore: FieldStore<'location'> = {
  async read(ctx) {
    if (!ctx.locationId) return { location: null, link: null, address: null } satisfies StoredLocation;
    const [location, link, address] = await Promise.all([
      ctx.trx
        .selectFrom('location')
        .select(LOCATION_COLUMNS)
        .where('id', '=', ctx.locationId)
        .executeTakeFirst(),
      ctx.trx
        .selectFrom('service_at_location')
        .selectAll()
        .where('service_id', '=', ctx.serviceId)
        .where('location_id', '=', ctx.locationId)
        .orderBy('id')
        .executeTakeFirst(),
      ctx.trx
        .selectFrom('address')
        .selectAll()
        .where('location_id', '=', ctx.locationId)
        .orderBy('id')
        .executeTakeFirst(),
    ]);
    return {
      location: location ?? null,
      link: link ?? null,
      address: address ?? null,
    } satisfies StoredLocation;
  },
  toForm(stored) {
    const { location, address, link } = stored as StoredLocation;
    const number = (value: unknown) => (typeof value === 'number' ? value : null);
    if (!location || !link)
      return {
        address1: '',
        city: '',
        state: '',
        postalCode: '',
        latitude: null,
        longitude: null,
        confidential: false,
        transportation: '',
      };
    return {
      address1: str(address?.address_1),
      city: str(address?.city),
      state: str(address?.state_province),
      postalCode: str(address?.postal_code),
      latitude: number(location.latitude),
      longitude: number(location.longitude),
      confidential: location.is_confidential === true,
      transportation: str(location.transportation),
    };
  },
  async write(ctx, value) {
    if (isBlankLocation(value)) {
      if (ctx.locationId)
        await ctx.trx
          .deleteFrom('service_at_location')
          .where('service_id', '=', ctx.serviceId)
          .where('location_id', '=', ctx.locationId)
          .execute();
      return;
    }
    const set = locationColumns(value);
    let locationId = ctx.locationId;
    if (!locationId) {
      locationId = (
        await ctx.trx
          .insertInto('location')
          .values({ ...set, organization_id: ctx.organizationId, location_type: 'physical' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await ctx.trx
        .insertInto('service_at_location')
        .values({ service_id: ctx.serviceId, location_id: locationId })
        .execute();
      ctx.locationId = locationId;
    } else {
      await ctx.trx
        .updateTable('location')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', locationId)
        .execute();
    }
    const address = {
      address_1: value.address1,
      city: value.city,
      state_province: value.state,
      postal_code: value.postalCode,
    };
    const existing = await ctx.trx
      .selectFrom('address')
      .select('id')
      .where('location_id', '=', locationId)
      .orderBy('id')
      .executeTakeFirst();
    if (existing) await ctx.trx.updateTable('address').set(address).where('id', '=', existing.id).execute();
    else
      await ctx.trx
        .insertInto('address')
        .values({ ...address, location_id: locationId })
        .execute();
  },
  async restore(ctx, stored) {
    const { location, link, address } = stored as StoredLocation;
    if (!location || !link) {
      if (ctx.locationId)
        await ctx.trx
          .deleteFrom('service_at_location')
          .where('service_id', '=', ctx.serviceId)
          .where('location_id', '=', ctx.locationId)
          .execute();
      return;
    }
    const { id, ...columnsToSet } = location;
    await ctx.trx
      .updateTable('location')
      .set(
        (eb) =>
          ({ ...(columnsToSet as object), version: eb('version', '+', 1), updated_at: new Date() }) as never,
      )
      .where('id', '=', id as string)
      .execute();
    const linked = await ctx.trx
      .selectFrom('service_at_location')
      .select('id')
      .where('id', '=', link.id as string)
      .executeTakeFirst();
    if (!linked)
      await ctx.trx
        .insertInto('service_at_location')
        .values(link as never)
        .execute();
    await ctx.trx
      .deleteFrom('address')
      .where('location_id', '=', id as string)
      .execute();
    if (address)
      await ctx.trx
        .insertInto('address')
        .values(address as never)
        .execute();
    ctx.locationId = id as string;
  },
};

const accessibilityStore: FieldStore<'accessibility'> = {
  read: async (ctx) =>
    ctx.locationId
      ? ctx.trx
          .selectFrom('accessibility')
          .selectAll()
          .where('location_id', '=', ctx.locationId)
          .orderBy('id')
          .execute()
      : [],
  toForm: (stored) =>
    (stored as Array<{ description: string | null }>)
      .map((row) => row.description ?? '')
      .filter(Boolean)
      .join('\n'),
  async write(ctx, value) {
    if (!ctx.locationId) return;
    await ctx.trx.deleteFrom('accessibility').where('location_id', '=', ctx.locationId).execute();
    const lines = value
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (lines.length > 0)
      await ctx.trx
        .insertInto('accessibility')
        .values(lines.map((description) => ({ location_id: ctx.locationId, description })))
        .execute();
  },
  async restore(ctx, stored) {
    if (!ctx.locationId) return;
    await ctx.trx.deleteFrom('accessibility').where('location_id', '=', ctx.locationId).execute();
    const rows = stored as Array<Record<string, unknown>>;
    if (rows.length > 0)
      await ctx.trx
        .insertInto('accessibility')
        .values(rows as never)
        .execute();
  },
};

/** The schedules that give this service its hours: its own, and those of its service-at-locations. */
async function scheduleIds(ctx: FieldContext): Promise<string[]> {
  const rows = await ctx.trx
    .selectFrom('schedule as sc')
    .leftJoin('service_at_location as sal', 'sal.id', 'sc.service_at_location_id')
    .select('sc.id')
    .where((eb) => eb.or([eb('sc.service_id', '=', ctx.serviceId), eb('sal.service_id', '=', ctx.serviceId)]))
    .execute();
  return rows.map((row) => row.id);
}

const hoursStore: FieldStore<'hours'> = {
  async read(ctx) {
    const ids = await scheduleIds(ctx);
    if (ids.length === 0) return [];
    return ctx.trx.selectFrom('schedule').selectAll().where('id', 'in', ids).orderBy('id').execute();
  },
  toForm: (stored) => rowsToHours(stored as HoursRow[]),
  async write(ctx, value, next) {
    const ids = await scheduleIds(ctx);
    if (ids.length > 0) await ctx.trx.deleteFrom('schedule').where('id', 'in', ids).execute();
    const rows = hoursToRows(value, placeView(next.location).timeZone).map((row) => ({
      ...row,
      service_id: ctx.serviceId,
    }));
    if (rows.length > 0) await ctx.trx.insertInto('schedule').values(rows).execute();
  },
  async restore(ctx, stored) {
    const ids = await scheduleIds(ctx);
    if (ids.length > 0) await ctx.trx.deleteFrom('schedule').where('id', 'in', ids).execute();
    const rows = stored as Array<Record<string, unknown>>;
    if (rows.length > 0)
      await ctx.trx
        .insertInto('schedule')
        .values(rows as never)
        .execute();
  },
};

const STATUS_FROM_ROW: Record<string, EditorStatus> = {
  active: 'active',
  'temporarily closed': 'temporarily closed',
  inactive: 'defunct',
  defunct: 'defunct',
};

export const FIELD_STORES: Stores = {
  name: column('name', false),
  description: column('description', false),
  categories: terms(TAXONOMY.categories, CATEGORY_SLUGS),
  populations: terms(TAXONOMY.populations, POPULATION_SLUGS),
  eligibility: column('eligibility_description', true),
  ages: columns(
    ['minimum_age', 'maximum_age'],
    (row) => ({ minimum: row.minimum_age as number | null, maximum: row.maximum_age as number | null }),
    (value) => ({ minimum_age: value.minimum, maximum_age: value.maximum }),
  ),
  languages: childRows(
    'language',
    (rows) => [...new Set(rows.flatMap((row) => (typeof row.code === 'string' ? [row.code] : [])))].sort(),
    (codes) => codes.map((code) => ({ code, name: findLanguage(code)?.name ?? null })),
  ),
  costs: terms(TAXONOMY.costs, COST_SLUGS),
  fees: column('fees_description', true),
  applicationProcess: column('application_process', true),
  delivery: columns(
    ['delivery'],
    (row) => DELIVERY_MODES.filter((mode) => (row.delivery as string[]).includes(mode)),
    (value) => ({ delivery: value }),
  ),
  serviceArea: childRows(
    'service_area',
    (rows) => {
      const row = rows.find((r) => r.coverage);
      if (!row) return { coverage: 'none', states: [], radiusKm: null };
      return {
        coverage: row.coverage as 'nationwide' | 'states' | 'radius',
        states: row.coverage === 'states' ? [...((row.coverage_states as string[] | null) ?? [])].sort() : [],
        radiusKm: row.coverage === 'radius' ? (row.coverage_radius_km as number) : null,
      };
    },
    (value, _ctx, next) => {
      if (value.coverage === 'none') return [];
      const centre = locationColumns(next.location);
      return [
        {
          coverage: value.coverage,
          coverage_states: value.coverage === 'states' ? value.states : null,
          coverage_radius_km: value.radiusKm,
          // A radius is drawn around the public point: a confidential place's own is never stored twice.
          coverage_latitude: value.coverage === 'radius' ? centre.public_latitude : null,
          coverage_longitude: value.coverage === 'radius' ? centre.public_longitude : null,
          name:
            value.coverage === 'nationwide'
              ? 'United States'
              : value.coverage === 'states'
                ? value.states.join(', ')
                : `${value.radiusKm} km`,
        },
      ];
    },
  ),
  phones: childRows(
    'phone',
    (rows) =>
      rows
        .filter((row) => !row.location_id && !row.contact_id)
        .map((row) =>
          row.extension ? `${String(row.number)} ext. ${String(row.extension)}` : String(row.number),
        ),
    (phones) =>
      phones.map((phone) => {
        const match = /^(.*?)\s*(?:ext\.?|x|#)\s*(\d+)$/i.exec(phone);
        return { number: match ? match[1]! : phone, extension: match ? match[2]! : null, type: 'voice' };
      }),
  ),
  email: column('email', true),
  url: column('url', true),
  status: columns(
    ['status', 'reopens_on'],
    (row) => ({
      status: STATUS_FROM_ROW[String(row.status)] ?? 'defunct',
      reopensOn: row.status === 'temporarily closed' ? ((row.reopens_on as string | null) ?? null) : null,
    }),
    (value) => ({ status: value.status, reopens_on: value.reopensOn }),
  ),
  location: locationStore,
  accessibility: accessibilityStore,
  hours: hoursStore,
};
