import { z } from 'zod';
import { completeSmsProvider, messagingEnv } from './messages/config.ts';

/** Every environment variable the platform reads; the README lists the same. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  /** Where tenant work logs in as `vc_app`; unset: DATABASE_URL with user vc_app and no password. */
  APP_DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  PLATFORM_DOMAIN: z.string().default('localhost'),
  PUBLIC_SCHEME: z.enum(['http', 'https']).default('http'),
  /**
   * `1` serves each city at `/t/<slug>/` on the console's host too, `0` never. Unset: only under
   * PUBLIC_SCHEME=http, because there every city shares the console's origin (cookies, passkeys, CSRF).
   */
  SLUG_PATH_FALLBACK: z.enum(['0', '1']).optional(),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Processes serving requests (one per core is usual); above 1 needs PostgreSQL. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Seconds a city's public pages are kept in memory for visitors who are not signed in; 0 turns it off. */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  /** Requests one API key may make in any minute (each process counts on its own). */
  API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  PLATFORM_ADMIN_EMAIL: z.string().email().default('operator@platform.example'),
  PLATFORM_ADMIN_PASSWORD: z.string().min(8).default('operator-demo-2026'),
  ...messagingEnv,
}).superRefine(completeSmsProvider);

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means unset, as in most shells' intent.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
