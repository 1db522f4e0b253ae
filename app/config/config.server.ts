/**
 * Configuration: the one module that reads `process.env`. Every setting is parsed by a zod
 * schema at start-up; a bad value stops the process with a message naming the variable.
 */
import { z } from 'zod';
import { pmtilesUrl, readPmtilesArchive } from '../http/pmtiles.server';

const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://user@host:5432/db')
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://');

const httpUrl = z
  .string()
  .url('must be an absolute http(s) URL')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://');

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** The site's own origin, e.g. https://haven.example.org (no path, query or fragment). */
const publicUrl = httpUrl
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  }, 'must be the site origin only, such as https://haven.example.org (no path or query)')
  .transform((value) => new URL(value).origin);

/** A 32-byte AES-256 key written in base64 (e.g. `openssl rand -base64 32`). */
const dataKey = z.string().transform((value, context) => {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32 || key.toString('base64') !== value.trim()) {
    context.addIssue({
      code: 'custom',
      message: 'must be 32 bytes written in base64 (openssl rand -base64 32)',
    });
    return z.NEVER;
  }
  return key;
});

const days = (fallback: number) =>
  z.coerce
    .number('must be a number of days')
    .int('must be a whole number of days')
    .min(1)
    .max(3650)
    .default(fallback);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** Set by `remix dev` (npm run dev) only: the server then reloads each new build and tells it. */
  REMIX_DEV_ORIGIN: z.preprocess(emptyAsUndefined, z.string().url('must be a URL').optional()),
  PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).default(3000),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_READ_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  /** The read replica is skipped while it lags the primary by more than this (seconds). */
  READ_MAX_LAG_S: z.coerce
    .number('must be a number of seconds')
    .positive('must be more than 0')
    .max(3600)
    .default(5),
  /** Embedded engine: a statement running longer than this restarts the database worker. */
  PGLITE_STATEMENT_TIMEOUT_S: z.coerce
    .number('must be a number of seconds')
    .positive('must be more than 0')
    .max(3600)
    .default(30),
  PGLITE_DIR: z.string().min(1).default('./data/pglite'),
  SESSION_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  // An outside tile server, offered on the map only behind a consent button (docs/map.md).
  // Unset (the default): Haven's own basemap only; no page contacts another host.
  TILE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (value) => /^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(value),
        'must be an http(s) URL template with {z}, {x} and {y}',
      )
      .optional(),
  ),
  TILE_ATTRIBUTION: z.string().default(''),
  // Street detail from the operator's own PMTiles extract, served by Haven (docs/map.md).
  TILE_PMTILES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((file, context) => {
        try {
          return readPmtilesArchive(file);
        } catch (error) {
          context.addIssue({
            code: 'custom',
            message: `must be a PMTiles v3 file: ${(error as Error).message}`,
          });
          return z.NEVER;
        }
      })
      .optional(),
  ),
  SITE_NAME: z.string().min(1).max(80).default('Haven'),
  QUICK_EXIT_URL: httpUrl.default('https://weather.com/'),
  GEOCODER_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  HOTLINE_EMERGENCY: z.string().min(1).default('911'),
  HOTLINE_PHONE: z.string().min(1).default('1-888-373-7888'),
  HOTLINE_TEXT: z.string().min(1).default('233733'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Absolute links (the API's openapi_url) use it instead of the request's Host header. */
  PUBLIC_URL: z.preprocess(emptyAsUndefined, publicUrl.optional()),
  /**
   * How many reverse proxies stand in front of Haven. Only then are their X-Forwarded-Proto
   * and X-Forwarded-Host headers believed (HTTPS detection for Secure cookies); 0 = none.
   */
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number('must be the number of proxies in front of Haven, 0 to 10')
      .int('must be the number of proxies in front of Haven, 0 to 10')
      .min(0, 'must be the number of proxies in front of Haven, 0 to 10')
      .max(10, 'must be the number of proxies in front of Haven, 0 to 10')
      .default(0),
  ),
  // Staff side (issue 11): the mail relay and session lifetimes (links in mail use PUBLIC_URL).
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .url('must be a URL such as smtp://user:pass@mail.example.org:587 or smtps://…')
      .refine((value) => /^smtps?:\/\//.test(value), 'must start with smtp:// or smtps://')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    emptyAsUndefined,
    z.string().email('must be an email address such as haven@example.org').optional(),
  ),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int('must be a whole number')
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int('must be a whole number')
    .min(1)
    .max(24 * 30)
    .default(12),
  // Referrals (issue 13, docs/referrals.md): the key of client data, read here only; without it
  // the staff referral pages answer 503 and everything else works.
  DATA_ENCRYPTION_KEY: z.preprocess(emptyAsUndefined, dataKey.optional()),
  /** Earlier keys, comma-separated: still decrypt until `npm run keys:rotate` has run. */
  DATA_ENCRYPTION_OLD_KEYS: z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : value,
    z.array(dataKey).default([]),
  ),
  /** Client fields are purged this many days after a referral closes… */
  REFERRAL_RETENTION_DAYS: days(90),
  /** …and this many days after it was sent if it never closes. */
  REFERRAL_OPEN_RETENTION_DAYS: days(180),
  /** A referral not acted on by the receiving organization within this many days is flagged. */
  REFERRAL_ACTION_DAYS: days(3),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (default: `process.env`); throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  if (result.data.DATABASE_READ_URL && !result.data.DATABASE_URL)
    throw new ConfigError(['DATABASE_READ_URL: needs DATABASE_URL (a read replica of which primary?)']);
  return result.data;
}

/** The settings the browser may see: an explicit allow-list, nothing secret. */
export function publicConfig(config: Config) {
  return {
    siteName: config.SITE_NAME,
    tileUrl: config.TILE_URL ?? null,
    tileAttribution: config.TILE_ATTRIBUTION,
    /** The street map from Haven's own origin (TILE_PMTILES); null: none. */
    streetTiles: config.TILE_PMTILES
      ? {
          url: pmtilesUrl(config.TILE_PMTILES),
          minZoom: config.TILE_PMTILES.minZoom,
          maxZoom: config.TILE_PMTILES.maxZoom,
          bounds: config.TILE_PMTILES.bounds,
        }
      : null,
    quickExitUrl: config.QUICK_EXIT_URL,
    hotline: {
      emergency: config.HOTLINE_EMERGENCY,
      phone: config.HOTLINE_PHONE,
      text: config.HOTLINE_TEXT,
    },
  };
}

export type PublicConfig = ReturnType<typeof publicConfig>;
