/**
 * Delivers the mail outbox over SMTP (nodemailer, `SMTP_URL`, `MAIL_FROM`). Each round claims
 * due messages with a short lease (so two app servers never send one twice), sends them, and
 * either marks them sent or schedules a retry with exponential backoff (1, 2, 4 … minutes;
 * failed after 8 attempts). Without SMTP_URL, development and tests print each message to the
 * log instead; production refuses the staff features that need mail (`requireMail`).
 */
import { data } from '@remix-run/node';
import { type Kysely, sql } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../../db/types';
import type { Config } from '../config/config.server';
import type { Logger } from '../http/logger.server';

export const MAX_ATTEMPTS = 8;
const LEASE_MINUTES = 5;
const BATCH = 20;

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/** True when this deployment can send mail (a relay and its links are set, or not production). */
export function mailAvailable(config: Config): boolean {
  return (
    Boolean(config.SMTP_URL && config.MAIL_FROM && config.PUBLIC_URL) || config.NODE_ENV !== 'production'
  );
}

export const MAIL_UNAVAILABLE =
  'This feature sends email, and mail is not configured: set SMTP_URL, MAIL_FROM and PUBLIC_URL.';

/** The origin links in mail point at: PUBLIC_URL, else (development only) this request's. */
export function linkBase(config: Config, request: Request): string {
  return (config.PUBLIC_URL ?? new URL(request.url).origin).replace(/\/$/, '');
}

/** Call before an action that sends mail: a 503 with a clear message when mail cannot go out. */
export function requireMail(config: Config): void {
  if (!mailAvailable(config)) throw data(MAIL_UNAVAILABLE, { status: 503 });
}

export function mailFrom(config: Config): string {
  return config.MAIL_FROM ?? `no-reply@localhost`;
}

export function createMailTransport(config: Config, logger: Logger): MailTransport | null {
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      send: async (message) => {
        await transport.sendMail(message);
      },
    };
  }
  if (config.NODE_ENV === 'production') return null;
  return {
    send: async (message) => {
      logger.info('mail not sent (no SMTP_URL): printed here instead', {
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}

/** One delivery round; returns how many were sent and how many will be retried or failed. */
export async function deliverDueMail(
  db: Kysely<Database>,
  transport: MailTransport,
  from: string,
): Promise<{ sent: number; retried: number; failed: number }> {
  const claimed = await db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: sql`now() + make_interval(mins => ${LEASE_MINUTES})` })
    .where(
      'id',
      'in',
      db
        .selectFrom('mail_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('id')
        .limit(BATCH)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'recipient', 'subject', 'body', 'attempts'])
    .execute();
  const result = { sent: 0, retried: 0, failed: 0 };
  for (const mail of claimed) {
    try {
      await transport.send({ from, to: mail.recipient, subject: mail.subject, text: mail.body });
      await db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: sql`now()`, attempts: mail.attempts + 1, last_error: null })
        .where('id', '=', mail.id)
        .execute();
      result.sent += 1;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('mail_outbox')
        .set({
          attempts,
          status: failed ? 'failed' : 'pending',
          next_attempt_at: sql`now() + make_interval(mins => ${2 ** (attempts - 1)})`,
          last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
        })
        .where('id', '=', mail.id)
        .execute();
      if (failed) result.failed += 1;
      else result.retried += 1;
    }
  }
  return result;
}

/** Runs delivery rounds every few seconds until stopped. */
export function startMailSender(db: Kysely<Database>, config: Config, logger: Logger, intervalMs = 5_000) {
  const transport = createMailTransport(config, logger);
  if (!transport) {
    logger.warn(`mail: ${MAIL_UNAVAILABLE} Sign-up, invitations and password resets are off.`);
    return { stop: () => {}, runOnce: async () => undefined };
  }
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = async () => {
    try {
      const result = await deliverDueMail(db, transport, mailFrom(config));
      if (result.retried || result.failed) logger.warn('mail: some messages were not delivered', result);
      return result;
    } catch (error) {
      logger.warn('mail: delivery round failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  };
  const timer = setInterval(() => {
    running = running.then(runOnce);
  }, intervalMs);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
