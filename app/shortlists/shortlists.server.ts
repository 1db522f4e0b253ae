/**
 * Caseworkers' shortlists (issue 13, journey 2): named lists of services, in order, with a note
 * per item. Who may do what is written into every query, so another person's list is simply
 * not found (404):
 *   - read: the owner, or a member of the organization the list is shared with;
 *   - change: the owner only; sharing only with an organization the owner is an owner of.
 * Only services the public may see (active, organization verified) can be added.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { isUuid, toIso } from '../../db/values';
import type { StaffUser } from '../accounts/permissions.server';
import type { Locale } from '../i18n/i18n';

export interface ShortlistSummary {
  id: string;
  name: string;
  isOwner: boolean;
  ownerEmail: string;
  sharedOrganizationName: string | null;
  itemCount: number;
  updatedAt: string | null;
}

export interface ShortlistItem {
  serviceId: string;
  serviceName: string;
  organizationId: string;
  organizationName: string;
  position: number;
  note: string;
  /** False once the service is no longer public (inactive, organization not verified). */
  listed: boolean;
}

export interface Shortlist {
  id: string;
  name: string;
  isOwner: boolean;
  ownerEmail: string;
  sharedOrganizationId: string | null;
  sharedOrganizationName: string | null;
  handoutLocale: Locale;
  items: ShortlistItem[];
}

type Reader = Pick<StaffUser, 'id' | 'memberships'>;

const memberOf = (user: Reader) => user.memberships.map((item) => item.organizationId);

/** The person's own lists and those shared with their organizations, most recently changed first. */
export async function listShortlists(db: Kysely<Database>, user: Reader): Promise<ShortlistSummary[]> {
  const organizations = memberOf(user);
  const rows = await db
    .selectFrom('shortlist as l')
    .innerJoin('account as a', 'a.id', 'l.owner_id')
    .leftJoin('organization as o', 'o.id', 'l.shared_organization_id')
    .select((eb) => [
      'l.id',
      'l.name',
      'l.owner_id',
      'l.updated_at',
      'a.email as owner_email',
      'o.name as shared_name',
      eb
        .selectFrom('shortlist_item as i')
        .whereRef('i.shortlist_id', '=', 'l.id')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .as('item_count'),
    ])
    .where((eb) =>
      organizations.length > 0
        ? eb.or([eb('l.owner_id', '=', user.id), eb('l.shared_organization_id', 'in', organizations)])
        : eb('l.owner_id', '=', user.id),
    )
    .orderBy('l.updated_at', 'desc')
    .orderBy('l.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    isOwner: row.owner_id === user.id,
    ownerEmail: row.owner_email,
    sharedOrganizationName: row.shared_name,
    itemCount: Number(row.item_count ?? 0),
    updatedAt: toIso(row.updated_at),
  }));
}

/** The person's own lists (the ones they can add to), by name. */
export async function ownShortlists(db: Kysely<Database>, ownerId: string) {
  return db
    .selectFrom('shortlist')
    .select(['id', 'name'])
    .where('owner_id', '=', ownerId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function createShortlist(
  db: Kysely<Database>,
  input: { ownerId: string; name: string },
): Promise<string> {
  const row = await db
    .insertInto('shortlist')
    .values({ owner_id: input.ownerId, name: input.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A list the person may read, with its items in order; null when not theirs to see. */
export async function getShortlist(
  db: Kysely<Database>,
  input: { id: string; user: Reader },
): Promise<Shortlist | null> {
  if (!isUuid(input.id)) return null;
  const organizations = memberOf(input.user);
  const list = await db
    .selectFrom('shortlist as l')
    .innerJoin('account as a', 'a.id', 'l.owner_id')
    .leftJoin('organization as o', 'o.id', 'l.shared_organization_id')
    .select([
      'l.id',
      'l.name',
      'l.owner_id',
      'l.handout_locale',
      'l.shared_organization_id',
      'o.name as shared_name',
      'a.email as owner_email',
    ])
    .where('l.id', '=', input.id)
    .where((eb) =>
      organizations.length > 0
        ? eb.or([eb('l.owner_id', '=', input.user.id), eb('l.shared_organization_id', 'in', organizations)])
        : eb('l.owner_id', '=', input.user.id),
    )
    .executeTakeFirst();
  if (!list) return null;
  const items = await db
    .selectFrom('shortlist_item as i')
    .innerJoin('service as s', 's.id', 'i.service_id')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select([
      'i.service_id',
      'i.position',
      'i.note',
      's.name as service_name',
      's.status',
      'o.id as organization_id',
      'o.name as organization_name',
      'o.verification_status',
    ])
    .where('i.shortlist_id', '=', list.id)
    .orderBy('i.position')
    .orderBy('i.created_at')
    .execute();
  return {
    id: list.id,
    name: list.name,
    isOwner: list.owner_id === input.user.id,
    ownerEmail: list.owner_email,
    sharedOrganizationId: list.shared_organization_id,
    sharedOrganizationName: list.shared_name,
    handoutLocale: list.handout_locale,
    items: items.map((row) => ({
      serviceId: row.service_id,
      serviceName: row.service_name,
      organizationId: row.organization_id,
      organizationName: row.organization_name,
      position: row.position,
      note: row.note,
      listed: row.status === 'active' && row.verification_status === 'verified',
    })),
  };
}

/** Runs `change` on the owner's list inside a transaction; false when it is not theirs. */
async function withOwnList(
  db: Kysely<Database>,
  input: { id: string; ownerId: string },
  change: (trx: Kysely<Database>) => Promise<unknown>,
): Promise<boolean> {
  if (!isUuid(input.id)) return false;
  return db.transaction().execute(async (trx) => {
    const list = await trx
      .selectFrom('shortlist')
      .select('id')
      .where('id', '=', input.id)
      .where('owner_id', '=', input.ownerId)
      .forUpdate()
      .executeTakeFirst();
    if (!list) return false;
    await change(trx);
    await trx.updateTable('shortlist').set({ updated_at: new Date() }).where('id', '=', input.id).execute();
    return true;
  });
}

export function renameShortlist(db: Kysely<Database>, input: { id: string; ownerId: string; name: string }) {
  return withOwnList(db, input, (trx) =>
    trx.updateTable('shortlist').set({ name: input.name }).where('id', '=', input.id).execute(),
  );
}

export function setHandoutLocale(
  db: Kysely<Database>,
  input: { id: string; ownerId: string; locale: Locale },
) {
  return withOwnList(db, input, (trx) =>
    trx.updateTable('shortlist').set({ handout_locale: input.locale }).where('id', '=', input.id).execute(),
  );
}

export async function deleteShortlist(db: Kysely<Database>, input: { id: string; ownerId: string }) {
  if (!isUuid(input.id)) return false;
  const result = await db
    .deleteFrom('shortlist')
    .where('id', '=', input.id)
    .where('owner_id', '=', input.ownerId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Shares the list with an organization (null: stops sharing). Only an owner of that
 * organization may share into it: 'forbidden' otherwise.
 */
export async function shareShortlist(
  db: Kysely<Database>,
  input: { id: string; user: StaffUser; organizationId: string | null },
): Promise<'ok' | 'not-found' | 'forbidden'> {
  const { organizationId, user } = input;
  if (
    organizationId !== null &&
    !user.memberships.some((item) => item.organizationId === organizationId && item.role === 'owner')
  )
    return 'forbidden';
  const done = await withOwnList(db, { id: input.id, ownerId: user.id }, (trx) =>
    trx
      .updateTable('shortlist')
      .set({ shared_organization_id: organizationId })
      .where('id', '=', input.id)
      .execute(),
  );
  return done ? 'ok' : 'not-found';
}

/** Adds a public service at the end of the owner's list ('exists' when it is there already). */
export async function addToShortlist(
  db: Kysely<Database>,
  input: { id: string; ownerId: string; serviceId: string },
): Promise<'added' | 'exists' | 'not-found' | 'no-service'> {
  if (!isUuid(input.serviceId)) return 'no-service';
  let outcome: 'added' | 'exists' | 'no-service' = 'added';
  const found = await withOwnList(db, input, async (trx) => {
    const service = await trx
      .selectFrom('service as s')
      .innerJoin('organization as o', 'o.id', 's.organization_id')
      .select('s.id')
      .where('s.id', '=', input.serviceId)
      .where('s.status', '=', 'active')
      .where('o.verification_status', '=', 'verified')
      .executeTakeFirst();
    if (!service) return (outcome = 'no-service');
    const last = await trx
      .selectFrom('shortlist_item')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('shortlist_id', '=', input.id)
      .executeTakeFirst();
    const inserted = await trx
      .insertInto('shortlist_item')
      .values({
        shortlist_id: input.id,
        service_id: input.serviceId,
        position: Number(last?.max ?? 0) + 1,
      })
      .onConflict((oc) => oc.columns(['shortlist_id', 'service_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) outcome = 'exists';
  });
  return found ? outcome : 'not-found';
}

/** Swaps the item with its neighbour above or below (a no-op at either end). */
export function moveItem(
  db: Kysely<Database>,
  input: { id: string; ownerId: string; serviceId: string; direction: 'up' | 'down' },
) {
  return withOwnList(db, input, async (trx) => {
    const items = await trx
      .selectFrom('shortlist_item')
      .select(['service_id', 'position'])
      .where('shortlist_id', '=', input.id)
      .orderBy('position')
      .orderBy('created_at')
      .execute();
    const index = items.findIndex((item) => item.service_id === input.serviceId);
    const other = input.direction === 'up' ? index - 1 : index + 1;
    if (index < 0 || other < 0 || other >= items.length) return;
    const order = items.map((item) => item.service_id);
    [order[index], order[other]] = [order[other]!, order[index]!];
    // Renumbered 1..n: positions stay dense whatever was removed before.
    for (const [position, serviceId] of order.entries()) {
      await trx
        .updateTable('shortlist_item')
        .set({ position: position + 1 })
        .where('shortlist_id', '=', input.id)
        .where('service_id', '=', serviceId)
        .execute();
    }
  });
}

export function setItemNote(
  db: Kysely<Database>,
  input: { id: string; ownerId: string; serviceId: string; note: string },
) {
  return withOwnList(db, input, (trx) =>
    trx
      .updateTable('shortlist_item')
      .set({ note: input.note })
      .where('shortlist_id', '=', input.id)
      .where('service_id', '=', input.serviceId)
      .execute(),
  );
}

export function removeItem(db: Kysely<Database>, input: { id: string; ownerId: string; serviceId: string }) {
  return withOwnList(db, input, (trx) =>
    trx
      .deleteFrom('shortlist_item')
      .where('shortlist_id', '=', input.id)
      .where('service_id', '=', input.serviceId)
      .execute(),
  );
}
