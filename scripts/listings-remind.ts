/**
 * `npm run listings:remind [-- --months N] [--no-deliver]` — the scheduled freshness reminder
 * (cron-friendly: quiet apart from one summary line, exit 0 on success, 1 on failure). Queues
 * one digest per organization owner of their listings not confirmed in N months (default 6),
 * in the owner's language, through the mail outbox; then delivers due mail once (the outbox's
 * lease means a running server never sends the same message twice). Idempotent per calendar
 * month: a second run in the same month queues nothing. Example crontab line (monthly, 1st, 09:00):
 *   0 9 1 * *  cd /srv/haven && npm run --silent listings:remind
 */
import { ConfigError, loadConfig } from '../app/config/config.server';
import { STALE_DEFAULT_MONTHS, STALE_MAX_MONTHS } from '../app/freshness/freshness';
import { remindStaleOwners } from '../app/freshness/freshness.server';
import { createLogger } from '../app/http/logger.server';
import { createMailTransport, deliverDueMail, mailFrom } from '../app/mail/sender.server';
import { createDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { EXIT_USAGE, exitWith, parseCli } from './lib/cli';

const { values } = parseCli({
  command: 'listings:remind',
  summary:
    'Emails each organization owner one digest of their listings not confirmed in N months (at most once per calendar month), through the mail outbox.',
  options: {
    months: {
      type: 'string',
      value: 'N',
      default: String(STALE_DEFAULT_MONTHS),
      help: 'a listing is stale when not confirmed in this many months',
    },
    'no-deliver': {
      type: 'boolean',
      default: false,
      help: 'only queue the digests; leave delivery to the running server',
    },
  },
});

const months = Number(values.months);
if (!Number.isInteger(months) || months < 1 || months > STALE_MAX_MONTHS)
  exitWith('listings:remind', `--months must be a whole number from 1 to ${STALE_MAX_MONTHS}`, EXIT_USAGE);

try {
  const config = loadConfig();
  if (config.NODE_ENV === 'production' && !config.PUBLIC_URL)
    exitWith('listings:remind', 'set PUBLIC_URL: the digest links to the listings');
  const baseUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const handle = await createDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    await migrateToLatest(handle.db);
    const result = await remindStaleOwners(handle.db, { months, baseUrl, siteName: config.SITE_NAME });
    let delivered = '';
    if (!values['no-deliver']) {
      const transport = createMailTransport(config, createLogger(config.LOG_LEVEL));
      if (transport) {
        const sent = await deliverDueMail(handle.db, transport, mailFrom(config));
        delivered = `, ${sent.sent} sent now${sent.retried || sent.failed ? `, ${sent.retried} to retry, ${sent.failed} failed` : ''}`;
      } else delivered = ', not sent now (mail is not configured: the server sends them once it is)';
    }
    process.stdout.write(
      `listings:remind ${result.period}: ${result.owners} owners with stale listings, ${result.queued} digests queued, ${result.alreadyReminded} already reminded this month${delivered}\n`,
    );
  } finally {
    await handle.close();
  }
} catch (error) {
  exitWith(
    'listings:remind',
    error instanceof ConfigError ? error.message : `failed: ${(error as Error).message}`,
  );
}
