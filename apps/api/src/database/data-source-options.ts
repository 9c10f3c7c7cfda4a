import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * Every connection turns JIT compilation off: a keyset page's plan carries the cost of the whole index it may walk,
 * which is over jit_above_cost, so PostgreSQL spent 100–170 ms compiling a query that runs in a few (measured on
 * `GET /takebacks` at 1,000,000 units). Recert's statements are short; none gains from JIT.
 */
export const NO_JIT = '-c jit=off';

/**
 * The service's request pool also plans without parallel workers, for the same reason: a page that walks a few
 * thousand index entries was run as a Gather Merge of two workers, whose start-up took most of its 17 ms, and
 * under load the workers take the cores the other requests need. The report pool, migrations and operator
 * commands keep PostgreSQL's default.
 */
export const NO_PARALLEL_WORKERS = '-c max_parallel_workers_per_gather=0';

/** The session settings of the request pool's connections, as a whole (the scale benchmark explains under them). */
export const REQUEST_SESSION = `${NO_JIT} ${NO_PARALLEL_WORKERS}`;

/** The one place that says how Recert talks to PostgreSQL; used by the service, the CLI and the tests. */
export function dataSourceOptions(url: string, poolSize = 16): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension has to be installed.
    uuidExtension: 'pgcrypto',
    poolSize,
    extra: { connectionTimeoutMillis: 5000, application_name: 'recert', options: NO_JIT },
  };
}

/** Adds PostgreSQL session settings (`-c name=value …`) to the connections' startup options. */
function withSessionSettings(options: DataSourceOptions, settings: string): DataSourceOptions {
  const extra = (options as { extra?: Record<string, unknown> }).extra ?? {};
  const given = typeof extra.options === 'string' ? `${extra.options} ` : '';
  return { ...options, extra: { ...extra, options: `${given}${settings}` } } as DataSourceOptions;
}

/**
 * The service's request pool: no parallel workers, and any statement ended after `ms` (0: never), so a runaway
 * query frees its connection; migrations and operator commands keep no limit (an index build takes minutes).
 */
export function forRequests(options: DataSourceOptions, statementTimeoutMs: number): DataSourceOptions {
  const timeout = statementTimeoutMs === 0 ? '' : ` -c statement_timeout=${Math.trunc(statementTimeoutMs)}`;
  return withSessionSettings(options, `${NO_PARALLEL_WORKERS}${timeout}`);
}
