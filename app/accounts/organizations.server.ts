/**
 * Organizations as the staff side sees them: sign-up requests, the verification queue and
 * its decisions. Public listings stay in app/listings (only verified organizations appear).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { enqueueMail } from '../mail/outbox.server';
import { recordAudit } from './audit.server';
import type { Decision, ReviewStatus } from './schema';

export async function countPendingOrganizations(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('verification_status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface LikelyDuplicate {
  id: string;
  name: string;
  status: string;
  reasons: Array<'name' | 'website' | 'phone'>;
}

export interface OrganizationReview {
  id: string;
  name: string;
  website: string | null;
  ein: string | null;
  email: string | null;
  status: string;
  contactName: string | null;
  phone: string | null;
  categories: string[];
  serviceArea: string | null;
  statement: string | null;
  decisionNote: string | null;
  infoRequested: boolean;
  duplicates: LikelyDuplicate[];
}

const digits = (value: string) => value.replace(/\D/g, '').slice(-10);
const host = (value: string | null) => {
  if (!value) return null;
  try {
    return new URL(value).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
};

/**
 * Other organizations that may be the same one: a similar name (pg_trgm similarity ≥ 0.4),
 * the same website host, or the same phone number (last 10 digits).
 */
export async function likelyDuplicates(
  db: Kysely<Database>,
  organization: { id: string; name: string; website: string | null; phone: string | null },
): Promise<LikelyDuplicate[]> {
  const websiteHost = host(organization.website);
  const phone = organization.phone ? digits(organization.phone) : '';
  const rows = await db
    .selectFrom('organization as o')
    .leftJoin('organization_request as r', 'r.organization_id', 'o.id')
    .select([
      'o.id',
      'o.name',
      'o.verification_status',
      sql<boolean>`similarity(lower(o.name), lower(${organization.name})) >= 0.4`.as('similar_name'),
      sql<boolean>`${websiteHost}::text is not null
        and regexp_replace(substring(o.website from '^[a-z]+://([^/:]+)'), '^www\\.', '') = ${websiteHost}`.as(
        'same_website',
      ),
      sql<boolean>`${phone} <> '' and (
        right(regexp_replace(coalesce(r.phone, ''), '\\D', '', 'g'), 10) = ${phone}
        or exists (select 1 from phone p where p.organization_id = o.id
                   and right(regexp_replace(p.number, '\\D', '', 'g'), 10) = ${phone}))`.as('same_phone'),
    ])
    .where('o.id', '<>', organization.id)
    .where((eb) =>
      eb.or([
        sql<boolean>`lower(o.name) % lower(${organization.name})`,
        sql<boolean>`${websiteHost}::text is not null and o.website ilike ${`%${websiteHost ?? ''}%`}`,
        sql<boolean>`${phone} <> '' and (right(regexp_replace(coalesce(r.phone, ''), '\\D', '', 'g'), 10) = ${phone}
          or exists (select 1 from phone p where p.organization_id = o.id
                     and right(regexp_replace(p.number, '\\D', '', 'g'), 10) = ${phone}))`,
      ]),
    )
    .orderBy('o.name')
    .limit(10)
    .execute();
  return rows
    .map((row) => ({
      id: row.id,
      name: row.name,
      status: row.verification_status,
      reasons: [
        ...(row.similar_name ? (['name'] as const) : []),
        ...(row.same_website ? (['website'] as const) : []),
        ...(row.same_phone ? (['phone'] as const) : []),
      ],
    }))
    .filter((row) => row.reasons.length > 0);
}

/** The verification queue: organizations with a status, their request and likely duplicates. */
export async function listOrganizationReviews(
  db: Kysely<Database>,
  status: ReviewStatus,
): Promise<OrganizationReview[]> {
  const rows = await db
    .selectFrom('organization as o')
    .leftJoin('organization_request as r', 'r.organization_id', 'o.id')
    .select([
      'o.id',
      'o.name',
      'o.website',
      'o.tax_id',
      'o.email',
      'o.verification_status',
      'r.contact_name',
      'r.phone',
      'r.categories',
      'r.service_area',
      'r.statement',
      'r.decision_note',
      'r.info_requested_at',
    ])
    .where('o.verification_status', '=', status)
    .orderBy('o.created_at')
    .limit(100)
    .execute();
  const reviews: OrganizationReview[] = [];
  for (const row of rows) {
    reviews.push({
      id: row.id,
      name: row.name,
      website: row.website,
      ein: row.tax_id,
      email: row.email,
      status: row.verification_status,
      contactName: row.contact_name,
      phone: row.phone,
      categories: row.categories ?? [],
      serviceArea: row.service_area,
      statement: row.statement,
      decisionNote: row.decision_note,
      infoRequested: row.info_requested_at !== null,
      duplicates: await likelyDuplicates(db, row),
    });
  }
  return reviews;
}

const DECISION_AUDIT = {
  verify: 'organization.verify',
  reject: 'organization.reject',
  request_info: 'organization.request_info',
} as const;
const DECISION_MAIL = { verify: 'verified', reject: 'rejected', request_info: 'infoRequested' } as const;

/**
 * An admin's decision on a pending organization, in one transaction with its audit event and
 * the mail to the organization's owners (each in their own language). Verify makes the
 * organization's active services public at once (search_point follows by trigger).
 * Returns false when the organization is not pending (decided already, or unknown).
 */
export async function decideOrganization(
  db: Kysely<Database>,
  input: { organizationId: string; adminId: string; decision: Decision; reason: string | null },
  options: { siteName: string; baseUrl: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const organization = await trx
      .selectFrom('organization')
      .select(['id', 'name', 'verification_status'])
      .where('id', '=', input.organizationId)
      .where('verification_status', '=', 'pending')
      .forUpdate()
      .executeTakeFirst();
    if (!organization) return false;
    if (input.decision !== 'request_info') {
      await trx
        .updateTable('organization')
        .set({
          verification_status: input.decision === 'verify' ? 'verified' : 'rejected',
          verified_at: input.decision === 'verify' ? sql`now()` : null,
          verified_by: input.decision === 'verify' ? input.adminId : null,
          updated_at: sql`now()`,
          version: sql`version + 1`,
        })
        .where('id', '=', organization.id)
        .execute();
    }
    await trx
      .updateTable('organization_request')
      .set(
        input.decision === 'request_info'
          ? { info_requested_at: sql`now()`, decision_note: input.reason }
          : { decided_at: sql`now()`, decided_by: input.adminId, decision_note: input.reason },
      )
      .where('organization_id', '=', organization.id)
      .execute();
    const owners = await trx
      .selectFrom('membership')
      .innerJoin('account', 'account.id', 'membership.account_id')
      .select(['account.email', 'account.locale'])
      .where('membership.organization_id', '=', organization.id)
      .where('membership.role', '=', 'owner')
      .execute();
    for (const owner of owners) {
      await enqueueMail(trx, {
        to: owner.email,
        locale: owner.locale,
        kind: DECISION_MAIL[input.decision],
        values: {
          organization: organization.name,
          siteName: options.siteName,
          reason: input.reason ?? '',
          link: `${options.baseUrl}/staff/sign-in`,
        },
      });
    }
    await recordAudit(trx, {
      actorId: input.adminId,
      action: DECISION_AUDIT[input.decision],
      entityType: 'organization',
      entityId: organization.id,
      before: { verification_status: organization.verification_status },
      after: {
        verification_status:
          input.decision === 'verify' ? 'verified' : input.decision === 'reject' ? 'rejected' : 'pending',
        reason: input.reason,
      },
    });
    return true;
  });
}

/** The organization's name, or null when there is none with this id. */
export async function organizationName(db: Kysely<Database>, organizationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('organization')
    .select('name')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return row?.name ?? null;
}
