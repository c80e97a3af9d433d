/**
 * Server configuration from the environment, validated with zod.
 * A bad value stops the process with a message naming the variable (see main.ts).
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseHostEntry } from './lib/server-limits';
import { isoDate } from '../shared/api';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** http(s) origin with no path, e.g. https://tiles.example.org or http://127.0.0.1:8081 */
const isOrigin = (v: string) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v.replace(/\/$/, '');
  } catch {
    return false;
  }
};
const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL of a MapLibre style JSON');
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number between ${min} and ${max}`);

/** TRUST_PROXY: false (default), true, a hop count, or a comma-separated list of proxy addresses/CIDRs. */
const trustProxy = z
  .string()
  .trim()
  .transform((v): boolean | number | string => {
    if (/^(false|0|no)$/i.test(v)) return false;
    if (/^(true|yes)$/i.test(v)) return true;
    if (/^\d+$/.test(v)) return Number(v);
    return v;
  })
  .refine((v) => typeof v !== 'string' || /^[0-9a-fA-F:.,/\s]+$/.test(v), 'must be true, false, a hop count or a list of proxy addresses')
  .default(false);

const envSchema = z.object({
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number between 0 and 65535')
    .transform(Number)
    .refine((n) => n >= 0 && n <= 65535, 'must be a whole number between 0 and 65535')
    .default(8080),
  HOST: nonEmpty.default('127.0.0.1'),
  DATA_DIR: nonEmpty.default('./data'),
  DB_PATH: nonEmpty.default('./var/atlas.duckdb'),
  /** PostgreSQL instead of the embedded DuckDB file (postgres://user:password@host:5432/db). */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** A streaming replica for queries (with DATABASE_URL). */
  DATABASE_READ_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Connections each API process opens to PostgreSQL (and as many to DATABASE_READ_URL). */
  DATABASE_POOL_SIZE: wholeNumber(1, 200).default(10),
  STATIC_DIR: nonEmpty.default('./dist'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  USERS_PATH: nonEmpty.default('./var/users.json'),
  DISCLOSURE_K: wholeNumber(1, 1000).default(10),
  DISCLOSURE_MAX_NOISE: wholeNumber(0, 50).default(3),
  /** The cell-key secret (≥ 32 characters); several API processes must share one. Default: var/cell-key.secret. */
  CELL_KEY_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  CELL_KEY_SECRET_PATH: nonEmpty.default('./var/cell-key.secret'),
  TRUST_PROXY: trustProxy,
  SESSION_IDLE_MINUTES: wholeNumber(1, 7 * 24 * 60).default(480),
  SIGNIN_MAX_FAILURES: wholeNumber(1, 1000).default(5),
  IMPORT_MAX_BYTES: wholeNumber(1024, 64 * 1024 ** 3).default(200 * 1024 * 1024),
  /** Earliest date an import may carry (YYYY-MM-DD); default a year before the data's first date. */
  IMPORT_DATE_MIN: z.optional(isoDate),
  /** Days after today an import's dates may reach. */
  IMPORT_MAX_DAYS_AHEAD: wholeNumber(0, 3660).default(31),
  /** Password checks running at once, server-wide. */
  SIGNIN_CONCURRENCY: wholeNumber(1, 64).default(2),
  /** Seconds a request's body may take to arrive once its headers are in; imports have their own. */
  REQUEST_TIMEOUT_SECONDS: wholeNumber(1, 3600).default(30),
  IMPORT_TIMEOUT_SECONDS: wholeNumber(1, 24 * 3600).default(1800),
  /** Hosts requests may name in Host (DNS-rebinding defence), comma-separated; `*` for any. */
  ALLOWED_HOSTS: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.length > 0 && list.every((h) => h === '*' || parseHostEntry(h) !== null),
      'must be a comma-separated list of host names or addresses, each with an optional :port (or *)',
    )
    .optional(),
  // An online basemap style (optional; the offline basemap is the default). The same variable is read by `vite build`
  // (the SPA fetches the style) and here (the CSP lets the page reach it): `npm start` does both with one environment.
  VITE_BASEMAP_STYLE_URL: httpUrl.optional(),
  /** Further origins the style's tiles, glyphs or sprites come from, comma-separated. */
  BASEMAP_ORIGINS: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((o) => isOrigin(o)), 'must be a comma-separated list of origins such as https://tiles.example.org')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute paths, resolved against the working directory. */
  dataDir: string;
  dbPath: string;
  /** PostgreSQL (DATABASE_URL) instead of the DuckDB file at dbPath; null: the embedded default. */
  databaseUrl: string | null;
  databaseReadUrl: string | null;
  /** Connections per API process to PostgreSQL (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  staticDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Accounts file (kept apart from the rebuilt DuckDB file). */
  usersPath: string;
  /** Disclosure control for outside roles (cell-key method): counts 1…k−1 withheld, others perturbed by at most maxNoise. */
  disclosure: { k: number; maxNoise: number };
  /** CELL_KEY_SECRET when set, else read from (or generated into) cellKeySecretPath. */
  cellKeySecret: string | undefined;
  cellKeySecretPath: string;
  /** Fastify trustProxy (client IP and https detection behind a reverse proxy). */
  trustProxy: boolean | number | string;
  /** Sessions end after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** Sign-in attempts allowed per minute, per address and per (user name, address); the per-name ceiling. */
  signInMaxFailures: number;
  /** Password checks running at once, server-wide. */
  signInConcurrency: number;
  /** Time for a request's body to arrive (ms), and for an import's. */
  requestTimeoutMs: number;
  importTimeoutMs: number;
  /** Hosts requests may name (ALLOWED_HOSTS); null: the listening host, localhost, 127.0.0.1 and [::1] on the port. */
  allowedHosts: string[] | null;
  /** Largest import file accepted (bytes); larger uploads answer 413. */
  importMaxBytes: number;
  /** Plausible import dates: from `earliest` (null: a year before the data's first date) to today + maxDaysAhead. */
  importDates: { earliest: string | null; maxDaysAhead: number };
  /** Origins the CSP allows for the online basemap (its style URL's, then BASEMAP_ORIGINS); empty when offline only. */
  basemapOrigins: string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    // An empty variable counts as unset, as in most shells' `VAR= cmd`.
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '?');
      return `  ${key}=${JSON.stringify(picked[key] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(cwd, e.DATA_DIR),
    dbPath: resolve(cwd, e.DB_PATH),
    databaseUrl: e.DATABASE_URL ?? null,
    databaseReadUrl: e.DATABASE_READ_URL ?? null,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    staticDir: resolve(cwd, e.STATIC_DIR),
    logLevel: e.LOG_LEVEL,
    usersPath: resolve(cwd, e.USERS_PATH),
    disclosure: { k: e.DISCLOSURE_K, maxNoise: e.DISCLOSURE_MAX_NOISE },
    cellKeySecret: e.CELL_KEY_SECRET,
    cellKeySecretPath: resolve(cwd, e.CELL_KEY_SECRET_PATH),
    trustProxy: e.TRUST_PROXY,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    signInMaxFailures: e.SIGNIN_MAX_FAILURES,
    signInConcurrency: e.SIGNIN_CONCURRENCY,
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
    importTimeoutMs: e.IMPORT_TIMEOUT_SECONDS * 1000,
    allowedHosts: e.ALLOWED_HOSTS ?? null,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    importDates: { earliest: e.IMPORT_DATE_MIN ?? null, maxDaysAhead: e.IMPORT_MAX_DAYS_AHEAD },
    basemapOrigins: e.VITE_BASEMAP_STYLE_URL
      ? [...new Set([new URL(e.VITE_BASEMAP_STYLE_URL).origin, ...(e.BASEMAP_ORIGINS ?? []).map((o) => new URL(o).origin)])]
      : [],
  };
}

/** For command-line entry points: the configuration, or null after printing what is wrong with it to stderr. */
export function loadConfigOrReport(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config | null {
  try {
    return loadConfig(env, cwd);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return null;
    }
    throw e;
  }
}
