/**
 * Configuration: the one module that reads `process.env`. Every setting is parsed by a zod
 * schema at start-up; a bad value stops the process with a message naming the variable.
 */
import { z } from 'zod';

const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://user@host:5432/db')
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://');

const httpUrl = z
  .string()
  .url('must be an absolute http(s) URL')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://');

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).default(3000),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_READ_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  PGLITE_DIR: z.string().min(1).default('./data/pglite'),
  SESSION_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  TILE_URL: z
    .string()
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    .refine(
      (value) => /^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(value),
      'must be an http(s) URL template with {z}, {x} and {y}',
    ),
  TILE_ATTRIBUTION: z
    .string()
    .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
  SITE_NAME: z.string().min(1).max(80).default('Haven'),
  QUICK_EXIT_URL: httpUrl.default('https://weather.com/'),
  GEOCODER_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  HOTLINE_EMERGENCY: z.string().min(1).default('911'),
  HOTLINE_PHONE: z.string().min(1).default('1-888-373-7888'),
  HOTLINE_TEXT: z.string().min(1).default('233733'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  // Staff side (issue 11): links in mail, the mail relay, session lifetimes.
  PUBLIC_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
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
  return result.data;
}

/** The settings the browser may see: an explicit allow-list, nothing secret. */
export function publicConfig(config: Config) {
  return {
    siteName: config.SITE_NAME,
    tileUrl: config.TILE_URL,
    tileAttribution: config.TILE_ATTRIBUTION,
    quickExitUrl: config.QUICK_EXIT_URL,
    hotline: {
      emergency: config.HOTLINE_EMERGENCY,
      phone: config.HOTLINE_PHONE,
      text: config.HOTLINE_TEXT,
    },
  };
}

export type PublicConfig = ReturnType<typeof publicConfig>;
