/**
 * The mail outbox: an action that sends mail writes the message into `mail_outbox` inside its
 * own transaction (so a rolled-back action sends nothing, and a committed one is never lost);
 * the sender (sender.server.ts) delivers it. Messages are rendered here, in the recipient's
 * language, from app/i18n/messages/mail.ts.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types';
import { type Locale, translator } from '../i18n/i18n';
import { mailMessages } from '../i18n/messages/mail';

export const MAIL_KINDS = [
  'confirmEmail',
  'passwordReset',
  'invitation',
  'verified',
  'rejected',
  'infoRequested',
  'staleDigest',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface OutgoingMail {
  to: string;
  locale: Locale;
  kind: MailKind;
  values: Record<string, string>;
}

export function renderMail(mail: OutgoingMail): { subject: string; body: string } {
  const t = translator(mailMessages, mail.locale);
  return { subject: t(`${mail.kind}Subject`, mail.values), body: t(`${mail.kind}Body`, mail.values) };
}

export async function enqueueMail(db: Kysely<Database> | Transaction<Database>, mail: OutgoingMail) {
  const { subject, body } = renderMail(mail);
  await db
    .insertInto('mail_outbox')
    .values({ recipient: mail.to, locale: mail.locale, kind: mail.kind, subject, body })
    .execute();
}

/**
 * A message rendered by its feature from its own catalog (referrals: app/i18n/messages/referrals.ts),
 * queued like any other.
 */
export async function enqueueRenderedMail(
  db: Kysely<Database> | Transaction<Database>,
  mail: { to: string; locale: Locale; kind: string; subject: string; body: string },
) {
  await db
    .insertInto('mail_outbox')
    .values({
      recipient: mail.to,
      locale: mail.locale,
      kind: mail.kind,
      subject: mail.subject,
      body: mail.body,
    })
    .execute();
}
