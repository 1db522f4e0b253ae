/**
 * Referrals: sending one, the two inboxes, the timeline, status changes and messages. Owns the
 * one rule of who may see a referral (`referralAccess`): the sending caseworker and their
 * agency's owners and the receiving organization's members read its client fields; a site
 * admin sees its metadata only; anyone else gets 404. Client fields are decrypted only in
 * `readClientData`, which writes an audit event for every read. Mail carries no client data.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, ReferralStatus } from '../../db/types';
import { recordAudit } from '../accounts/audit.server';
import type { StaffUser } from '../accounts/permissions.server';
import { type Locale, translator } from '../i18n/i18n';
import { referralMessages } from '../i18n/messages/referrals';
import { enqueueRenderedMail } from '../mail/outbox.server';
import { organizationsAcceptingReferrals, REFERRAL_RECEIVER_ROLES } from './acceptance.server';
import { decrypt, encrypt, type Keyring } from './crypto.server';
import { CLOSED_STATUSES, CONSENT_VERSION, type DeclineReason, NEXT_STATUSES } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface MailContext {
  siteName: string;
  /** Origin for links in mail (PUBLIC_URL). */
  baseUrl: string;
}

// ── Who may do what ─────────────────────────────────────────────────────────────────────────

/** Memberships from which a person may send referrals (caseworkers and owners of an agency). */
export function sendingMemberships(user: StaffUser) {
  return user.memberships.filter((item) => item.role === 'caseworker' || item.role === 'owner');
}

export interface ReferralParties {
  sender_account_id: string | null;
  sender_organization_id: string;
  receiver_organization_id: string;
}

export type ReferralAccess = {
  /** May read client fields and messages. */
  clientData: boolean;
  side: 'sender' | 'receiver' | null;
  /** May accept, decline and update the status. */
  canUpdate: boolean;
};

/** The one rule; null = not found for this person. */
export function referralAccess(user: StaffUser, referral: ReferralParties): ReferralAccess | null {
  const membership = (organizationId: string) =>
    user.memberships.find((item) => item.organizationId === organizationId);
  const receiver = membership(referral.receiver_organization_id);
  if (receiver)
    return {
      clientData: true,
      side: 'receiver',
      canUpdate: (REFERRAL_RECEIVER_ROLES as readonly string[]).includes(receiver.role),
    };
  const agency = membership(referral.sender_organization_id);
  if (referral.sender_account_id === user.id || agency?.role === 'owner')
    return { clientData: true, side: 'sender', canUpdate: false };
  if (user.isAdmin) return { clientData: false, side: null, canUpdate: false };
  return null;
}

// ── Sending ─────────────────────────────────────────────────────────────────────────────────

export interface ReferrableService {
  id: string;
  name: string;
  organizationId: string;
  organizationName: string;
  acceptsReferrals: boolean;
}

export async function findReferrableService(db: Db, serviceId: string): Promise<ReferrableService | null> {
  const row = await db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organization_id')
    .select([
      'service.id',
      'service.name',
      'organization.id as organization_id',
      'organization.name as organization_name',
    ])
    .where('service.id', '=', serviceId)
    .where('service.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  const accepting = await organizationsAcceptingReferrals(db as Kysely<Database>, [row.organization_id]);
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    acceptsReferrals: accepting.has(row.organization_id),
  };
}

/** The service's top-level Haven categories (kept on the referral for the reports). */
async function serviceCategories(db: Db, serviceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('attribute')
    .innerJoin('taxonomy_term as term', 'term.id', 'attribute.taxonomy_term_id')
    .leftJoin('taxonomy_term as parent', 'parent.id', 'term.parent_id')
    .select(sql<string>`case when parent.taxonomy = 'haven' then parent.code else term.code end`.as('code'))
    .where('attribute.link_entity', '=', 'service')
    .where('attribute.link_id', '=', serviceId)
    .where('term.taxonomy', '=', 'haven')
    .execute();
  return [...new Set(rows.map((row) => row.code).filter(Boolean))].sort();
}

export interface ClientFields {
  reference: string;
  contact: string;
  notes: string;
}

export interface NewReferral {
  service: ReferrableService;
  senderAccountId: string;
  senderOrganizationId: string;
  clientLanguage: string;
  client: ClientFields;
  now?: Date;
}

/** Receiving members who answer referrals, with the language of their mail. */
async function receiverRecipients(db: Db, organizationId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.account_id')
    .select(['account.email', 'account.locale'])
    .where('membership.organization_id', '=', organizationId)
    .where('membership.role', 'in', REFERRAL_RECEIVER_ROLES)
    .where('account.status', '=', 'active')
    .execute();
}

async function senderRecipient(db: Db, accountId: string | null) {
  if (!accountId) return [];
  return db
    .selectFrom('account')
    .select(['email', 'locale'])
    .where('id', '=', accountId)
    .where('status', '=', 'active')
    .execute();
}

async function notify(
  db: Db,
  recipients: Array<{ email: string; locale: Locale }>,
  kind: 'referralReceived' | 'referralUpdated' | 'referralMessage',
  values: Record<string, string>,
  statusKey?: ReferralStatus,
) {
  for (const recipient of recipients) {
    const t = translator(referralMessages, recipient.locale);
    const all = { ...values, status: statusKey ? t(`status_${statusKey}`) : '' };
    await enqueueRenderedMail(db, {
      to: recipient.email,
      locale: recipient.locale,
      kind,
      subject: t(`${kind}Subject`, all),
      body: t(`${kind}Body`, all),
    });
  }
}

export class ReferralRefused extends Error {
  constructor(public readonly reason: 'notAccepting' | 'notSender' | 'transition' | 'conflict') {
    super(reason);
  }
}

export async function sendReferral(
  db: Kysely<Database>,
  keyring: Keyring,
  input: NewReferral,
  mail: MailContext,
): Promise<string> {
  const id = randomUUID();
  const now = input.now ?? new Date();
  const envelope = encrypt(keyring, JSON.stringify(input.client), id);
  await db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: the page may be older than the organization's state.
    const accepting = await organizationsAcceptingReferrals(trx as unknown as Kysely<Database>, [
      input.service.organizationId,
    ]);
    if (!accepting.has(input.service.organizationId)) throw new ReferralRefused('notAccepting');
    await trx
      .insertInto('referral')
      .values({
        id,
        service_id: input.service.id,
        service_name: input.service.name,
        categories: await serviceCategories(trx, input.service.id),
        sender_account_id: input.senderAccountId,
        sender_organization_id: input.senderOrganizationId,
        receiver_organization_id: input.service.organizationId,
        client_language: input.clientLanguage,
        consent_at: now,
        consent_by: input.senderAccountId,
        consent_version: CONSENT_VERSION,
        key_id: envelope.keyId,
        client_data: envelope.data,
        sent_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('referral_event')
      .values({
        referral_id: id,
        kind: 'status',
        status: 'sent',
        actor_id: input.senderAccountId,
        side: 'sender',
        created_at: now,
      })
      .execute();
    await recordAudit(trx, {
      actorId: input.senderAccountId,
      action: 'referral.send',
      entityType: 'referral',
      entityId: id,
      after: { receiver: input.service.organizationId, consentVersion: CONSENT_VERSION },
    });
    await notify(trx, await receiverRecipients(trx, input.service.organizationId), 'referralReceived', {
      siteName: mail.siteName,
      service: input.service.name,
      link: `${mail.baseUrl}/staff/referrals/${id}`,
    });
  });
  return id;
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

export interface ReferralSummary {
  id: string;
  serviceName: string;
  senderOrganization: string;
  receiverOrganization: string;
  status: ReferralStatus;
  sentAt: string;
  overdue: boolean;
  purged: boolean;
}

/** Not acted on within `actionDays` of being sent: flagged to both sides (computed on read). */
export function isOverdue(
  row: { status: ReferralStatus; sent_at: Date | string },
  actionDays: number,
  now: Date,
) {
  return row.status === 'sent' && new Date(row.sent_at).getTime() < now.getTime() - actionDays * 86_400_000;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function referralQuery(db: Db) {
  return db
    .selectFrom('referral')
    .innerJoin('organization as sender', 'sender.id', 'referral.sender_organization_id')
    .innerJoin('organization as receiver', 'receiver.id', 'referral.receiver_organization_id')
    .select([
      'referral.id',
      'referral.service_id',
      'referral.service_name',
      'referral.status',
      'referral.sent_at',
      'referral.accepted_at',
      'referral.closed_at',
      'referral.purged_at',
      'referral.client_language',
      'referral.consent_at',
      'referral.consent_version',
      'referral.sender_account_id',
      'referral.sender_organization_id',
      'referral.receiver_organization_id',
      'referral.version',
      'sender.name as sender_name',
      'receiver.name as receiver_name',
    ]);
}

/** The sent box (what this person may read as sender) or the received box (their organizations'). */
export async function listReferrals(
  db: Db,
  user: StaffUser,
  box: 'sent' | 'received',
  options: { actionDays: number; now?: Date },
): Promise<ReferralSummary[]> {
  const now = options.now ?? new Date();
  const owned = user.memberships.filter((item) => item.role === 'owner').map((item) => item.organizationId);
  const member = user.memberships.map((item) => item.organizationId);
  let query = referralQuery(db).orderBy('referral.sent_at', 'desc').limit(200);
  if (box === 'received') {
    if (member.length === 0) return [];
    query = query.where('referral.receiver_organization_id', 'in', member);
  } else {
    query = query.where((eb) =>
      eb.or([
        eb('referral.sender_account_id', '=', user.id),
        ...(owned.length ? [eb('referral.sender_organization_id', 'in', owned)] : []),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    serviceName: row.service_name,
    senderOrganization: row.sender_name,
    receiverOrganization: row.receiver_name,
    status: row.status,
    sentAt: iso(row.sent_at),
    overdue: isOverdue(row, options.actionDays, now),
    purged: row.purged_at !== null,
  }));
}

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

export async function findReferral(db: Db, id: string) {
  return (await referralQuery(db).where('referral.id', '=', id).executeTakeFirst()) ?? null;
}

export interface TimelineEntry {
  id: number;
  kind: 'status' | 'message';
  status: ReferralStatus | null;
  reason: DeclineReason | null;
  side: 'sender' | 'receiver';
  actor: string | null;
  at: string;
  /** Message text or a decline's free text; only for people who may read client data. */
  text: string | null;
}

/** The timeline without any text (for a site admin: who changed what, when). */
export async function readTimeline(db: Db, referralId: string): Promise<TimelineEntry[]> {
  const rows = await timelineRows(db, referralId);
  return rows.map(({ key_id: _key, body_data: _body, ...row }) => toEntry(row, null));
}

function timelineRows(db: Db, referralId: string) {
  return db
    .selectFrom('referral_event')
    .leftJoin('account', 'account.id', 'referral_event.actor_id')
    .select([
      'referral_event.id',
      'referral_event.kind',
      'referral_event.status',
      'referral_event.reason',
      'referral_event.side',
      'referral_event.created_at',
      'referral_event.key_id',
      'referral_event.body_data',
      sql<string | null>`coalesce(account.display_name, account.email)`.as('actor'),
    ])
    .where('referral_event.referral_id', '=', referralId)
    .orderBy('referral_event.id')
    .execute();
}

function toEntry(
  row: {
    id: number;
    kind: 'status' | 'message';
    status: ReferralStatus | null;
    reason: string | null;
    side: 'sender' | 'receiver';
    created_at: Date | string;
    actor: string | null;
  },
  text: string | null,
): TimelineEntry {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    reason: row.reason as DeclineReason | null,
    side: row.side,
    actor: row.actor,
    at: iso(row.created_at),
    text,
  };
}

/**
 * The client fields and the timeline's texts, decrypted, for someone `referralAccess` allows;
 * every call is an audit event. Null fields once purged.
 */
export async function readClientData(
  db: Kysely<Database>,
  keyring: Keyring,
  referralId: string,
  actorId: string,
): Promise<{ client: ClientFields | null; timeline: TimelineEntry[] }> {
  const row = await db
    .selectFrom('referral')
    .select(['key_id', 'client_data'])
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow();
  const client =
    row.key_id && row.client_data
      ? (JSON.parse(
          decrypt(keyring, { keyId: row.key_id, data: row.client_data }, referralId),
        ) as ClientFields)
      : null;
  const events = await timelineRows(db, referralId);
  const timeline = events.map(({ key_id, body_data, ...event }) =>
    toEntry(
      event,
      key_id && body_data ? decrypt(keyring, { keyId: key_id, data: body_data }, referralId) : null,
    ),
  );
  await recordAudit(db, {
    actorId,
    action: 'referral.read_client_data',
    entityType: 'referral',
    entityId: referralId,
  });
  return { client, timeline };
}

// ── Closing the loop ────────────────────────────────────────────────────────────────────────

export interface StatusChange {
  referral: ReferralRow;
  actorId: string;
  status: ReferralStatus;
  reason?: DeclineReason;
  reasonText?: string;
  now?: Date;
}

export async function changeStatus(
  db: Kysely<Database>,
  keyring: Keyring,
  change: StatusChange,
  mail: MailContext,
) {
  const { referral } = change;
  if (!NEXT_STATUSES[referral.status].includes(change.status)) throw new ReferralRefused('transition');
  const now = change.now ?? new Date();
  const closing = CLOSED_STATUSES.includes(change.status);
  const envelope = change.reasonText ? encrypt(keyring, change.reasonText, referral.id) : null;
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('referral')
      .set((eb) => ({
        status: change.status,
        accepted_at: change.status === 'accepted' ? now : eb.ref('accepted_at'),
        acted_at: eb.fn.coalesce('acted_at', sql<Date>`${now}::timestamptz`),
        closed_at: closing ? now : null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', referral.id)
      .where('version', '=', referral.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ReferralRefused('conflict');
    await trx
      .insertInto('referral_event')
      .values({
        referral_id: referral.id,
        kind: 'status',
        status: change.status,
        reason: change.status === 'declined' ? (change.reason ?? 'other') : null,
        actor_id: change.actorId,
        side: 'receiver',
        key_id: envelope?.keyId ?? null,
        body_data: envelope?.data ?? null,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, {
      actorId: change.actorId,
      action: 'referral.status',
      entityType: 'referral',
      entityId: referral.id,
      before: { status: referral.status },
      after: { status: change.status },
    });
    await notify(
      trx,
      await senderRecipient(trx, referral.sender_account_id),
      'referralUpdated',
      {
        siteName: mail.siteName,
        service: referral.service_name,
        link: `${mail.baseUrl}/staff/referrals/${referral.id}`,
      },
      change.status,
    );
  });
}

export async function addMessage(
  db: Kysely<Database>,
  keyring: Keyring,
  input: { referral: ReferralRow; actorId: string; side: 'sender' | 'receiver'; text: string; now?: Date },
  mail: MailContext,
) {
  const { referral } = input;
  const envelope = encrypt(keyring, input.text, referral.id);
  const now = input.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('referral_event')
      .values({
        referral_id: referral.id,
        kind: 'message',
        actor_id: input.actorId,
        side: input.side,
        key_id: envelope.keyId,
        body_data: envelope.data,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'referral.message',
      entityType: 'referral',
      entityId: referral.id,
    });
    const recipients =
      input.side === 'sender'
        ? await receiverRecipients(trx, referral.receiver_organization_id)
        : await senderRecipient(trx, referral.sender_account_id);
    await notify(trx, recipients, 'referralMessage', {
      siteName: mail.siteName,
      service: referral.service_name,
      link: `${mail.baseUrl}/staff/referrals/${referral.id}`,
    });
  });
}
