/**
 * The mail outbox and its SMTP sender against a real SMTP server running in this process
 * (smtp-server): delivery, the recipient's language, retry with backoff, and a rolled-back
 * action sending nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { loadConfig } from '../../app/config/config.server';
import { createLogger } from '../../app/http/logger.server';
import { enqueueMail } from '../../app/mail/outbox.server';
import { createMailTransport, deliverDueMail, mailAvailable } from '../../app/mail/sender.server';
import { describeEachEngine } from '../helpers/db';
import { mailText, startSmtp } from '../helpers/smtp';

describeEachEngine('mail outbox and SMTP sender', (t) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());
  beforeEach(async () => {
    smtp.received.length = 0;
    await t.db.deleteFrom('mail_outbox').execute();
  });

  const config = () =>
    loadConfig({ NODE_ENV: 'production', SMTP_URL: smtp.url, MAIL_FROM: 'haven@example.org' });
  const transport = () => createMailTransport(config(), createLogger('silent'))!;

  it('delivers a queued message over SMTP once, in the recipient’s language', async () => {
    await enqueueMail(t.db, {
      to: 'ana@example.org',
      locale: 'es',
      kind: 'passwordReset',
      values: { siteName: 'Haven', link: 'https://haven.example/staff/reset-password/abc' },
    });
    expect(await deliverDueMail(t.db, transport(), 'haven@example.org')).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['ana@example.org']);
    expect(smtp.received[0]!.from).toBe('haven@example.org');
    const text = mailText(smtp.received[0]!.raw);
    expect(text).toContain('Alguien (esperamos que usted)');
    expect(text).toContain('https://haven.example/staff/reset-password/abc');
    // Sent once: a second round has nothing to do.
    expect(await deliverDueMail(t.db, transport(), 'haven@example.org')).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    const row = await t.db.selectFrom('mail_outbox').select(['status', 'attempts']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', attempts: 1 });
  });

  it('retries a refused message later with backoff, then delivers it', async () => {
    smtp.state.refuse = 1;
    await enqueueMail(t.db, {
      to: 'bo@example.org',
      locale: 'en',
      kind: 'passwordReset',
      values: { siteName: 'Haven', link: 'https://haven.example/x' },
    });
    expect(await deliverDueMail(t.db, transport(), 'haven@example.org')).toMatchObject({
      sent: 0,
      retried: 1,
    });
    const waiting = await t.db
      .selectFrom('mail_outbox')
      .select(['status', 'attempts', 'last_error', sql<boolean>`next_attempt_at > now()`.as('later')])
      .executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, later: true });
    expect(waiting.last_error).toMatch(/busy/);
    // Not due yet: nothing is sent.
    expect(await deliverDueMail(t.db, transport(), 'haven@example.org')).toMatchObject({ sent: 0 });
    await t.db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: sql`now()` })
      .execute();
    expect(await deliverDueMail(t.db, transport(), 'haven@example.org')).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(mailText(smtp.received[0]!.raw)).toContain('Reset your Haven password');
  });

  it('sends nothing for an action whose transaction rolled back', async () => {
    await t.db
      .transaction()
      .execute(async (trx) => {
        await enqueueMail(trx, { to: 'c@example.org', locale: 'en', kind: 'passwordReset', values: {} });
        throw new Error('the action failed');
      })
      .catch(() => undefined);
    expect(await deliverDueMail(t.db, transport(), 'haven@example.org')).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);
  });
});

it('production without SMTP_URL refuses mail features; development prints instead', () => {
  expect(mailAvailable(loadConfig({ NODE_ENV: 'production' }))).toBe(false);
  expect(createMailTransport(loadConfig({ NODE_ENV: 'production' }), createLogger('silent'))).toBeNull();
  expect(mailAvailable(loadConfig({ NODE_ENV: 'development' }))).toBe(true);
  const lines: string[] = [];
  const dev = createMailTransport(
    loadConfig({ NODE_ENV: 'development' }),
    createLogger('info', (line) => lines.push(line)),
  );
  return dev!.send({ from: 'a@b.c', to: 'd@e.f', subject: 'Hello', text: 'Body' }).then(() => {
    expect(lines.join('\n')).toContain('Hello');
  });
});
