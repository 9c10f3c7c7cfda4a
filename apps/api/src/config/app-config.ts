import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Every environment variable the service reads, with its default. README's table mirrors this class. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** The address the public reaches this service at, for the verify URL in certificates' QR codes (default http://HOST:PORT). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'RECERT_PUBLIC_URL must be an http(s) URL' })
  RECERT_PUBLIC_URL?: string;

  /** postgres://user:password@host:port/database; when absent an embedded PostgreSQL is started. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** The schema owner's connection, for the migrations, when the service's DATABASE_URL is a restricted role (README). */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL' })
  DATABASE_MIGRATION_URL?: string;

  /** Where the embedded PostgreSQL keeps its cluster (only used without DATABASE_URL). */
  @IsString()
  RECERT_DATA_DIR = '.data';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 16;

  /** An API key (rct_…) ensured at start as a platform administrator's key. */
  @IsOptional()
  @Matches(/^rct_[A-Za-z0-9_-]{22,}$/, { message: 'RECERT_ADMIN_KEY must look like rct_ followed by at least 22 base64url characters' })
  RECERT_ADMIN_KEY?: string;

  /** How long a verified API key is remembered; a key revoked through another instance works that long at most. 0 = never. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  RECERT_KEY_CACHE_MS = 2000;

  /** Largest JSON body accepted, in bytes (bulk takeback routes have their own, larger limit). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  RECERT_BODY_LIMIT = 1_048_576;

  /** How long a client may take to send its request headers (then 408 and the socket closes). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  RECERT_HEADERS_TIMEOUT_MS = 10_000;

  /** How long a client may take to send its whole request, headers and body (then 408). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  RECERT_REQUEST_TIMEOUT_MS = 60_000;

  /** Largest takeback manifest in bytes, JSON or CSV (a 10,000-unit manifest is a few MB); 413 above it, even mid-stream. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  RECERT_MANIFEST_LIMIT = 33_554_432;

  /** Bulk requests (takebacks, bulk events) running at once per process; more are answered 503 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  RECERT_BULK_CONCURRENCY = 4;

  /** Requests that may wait for a database connection at once; beyond, 503 with Retry-After at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RECERT_POOL_QUEUE_LIMIT = 64;

  /** Longest a statement of the main pool may run (commands, point reads, bulk intake); 0 = no limit. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  RECERT_STATEMENT_TIMEOUT_MS = 30_000;

  /** Connections of the separate pool for reports and exports, so slow reports never take the main pool's. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  RECERT_REPORT_POOL_SIZE = 4;

  /** Reports that may wait for a report connection at once; beyond, 503 with Retry-After at once. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  RECERT_REPORT_QUEUE_LIMIT = 16;

  /** Longest a report's statement may run (then 503; nothing was changed). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  RECERT_REPORT_TIMEOUT_MS = 10_000;

  /** Requests allowed per API key (or per address without a key) in each window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RECERT_RATE_LIMIT = 1200;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  RECERT_RATE_WINDOW_MS = 60_000;

  /** Failed authentications allowed per address in each RECERT_AUTH_FAILURE_WINDOW_MS (429 above it). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RECERT_AUTH_FAILURE_LIMIT = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  RECERT_AUTH_FAILURE_WINDOW_MS = 60_000;

  /** How long in-flight requests may run after SIGTERM before the process stops. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RECERT_SHUTDOWN_GRACE_MS = 10_000;

  /** Run the scheduled jobs (warranty expiry) in this process; off for an instance that should only serve HTTP. */
  @IsIn(['on', 'off'])
  RECERT_SCHEDULER: 'on' | 'off' = 'on';

  /** How often the scheduler looks for due jobs when no notification woke it. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  RECERT_SCHEDULER_POLL_MS = 2000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `pretty` (one readable line per entry) or `json` (one JSON object per line); unset: pretty on a terminal, JSON otherwise. */
  @IsOptional()
  @IsIn(['pretty', 'json'])
  LOG_FORMAT?: 'pretty' | 'json';
}

export type AppConfig = EnvironmentVariables;

export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(EnvironmentVariables, present, { enableImplicitConversion: false });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
