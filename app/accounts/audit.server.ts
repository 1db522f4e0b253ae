/**
 * The audit trail of the staff side: one registry of actions and one writer. An event never
 * carries a password, a token or a code — only who did what to which record.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types';

export const AUDIT_ACTIONS = [
  'account.create',
  'account.disable',
  'account.enable',
  'account.role_change',
  'account.sessions_revoked',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_in_locked',
  'auth.sign_out',
  'auth.password_reset_requested',
  'auth.password_reset',
  'organization.join_request',
  'organization.verify',
  'organization.reject',
  'organization.request_info',
  'membership.invite',
  'membership.accept',
  'membership.remove',
  'email.confirm',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.two_factor_failed',
  'auth.recovery_code_used',
  'auth.recovery_codes_regenerated',
  'auth.password_reset_throttled',
  'invitation.revoke',
  'membership.role_change',
  'service.confirm',
  'correction.accept',
  'correction.dismiss',
  'correction.spam',
  'organization.suspend',
  'organization.reinstate',
  'referral.send',
  'referral.status',
  'referral.message',
  'referral.read_client_data',
  'referral.purge',
  'referral.keys_rotate',
  'service.create',
  'service.update',
  'service.revert',
  'organization.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit event can be about. */
export const AUDIT_ENTITY_TYPES = [
  'account',
  'organization',
  'membership',
  'invitation',
  'service',
  'suggestion',
  'referral',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export interface AuditEvent {
  actorId: string | null;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** A revert: the event it undid (migration 0111). */
  revertsEventId?: number;
}

export async function recordAudit(db: Kysely<Database> | Transaction<Database>, event: AuditEvent) {
  await db
    .insertInto('audit_event')
    .values({
      actor_id: event.actorId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      before: event.before ? JSON.stringify(event.before) : null,
      after: event.after ? JSON.stringify(event.after) : null,
      reverts_event_id: event.revertsEventId ?? null,
    })
    .execute();
}
