/**
 * Server configuration from the environment, validated with zod.
 * A bad value stops the process with a message naming the variable (see main.ts).
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

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
  STATIC_DIR: nonEmpty.default('./dist'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute paths, resolved against the working directory. */
  dataDir: string;
  dbPath: string;
  staticDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
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
    staticDir: resolve(cwd, e.STATIC_DIR),
    logLevel: e.LOG_LEVEL,
  };
}
