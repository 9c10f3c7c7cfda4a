import { Client } from 'pg';

/** A database the service cannot use at start: one line for the operator, no stack trace (main.ts prints it and exits). */
export class DatabaseUnreachableError extends Error {}

/** Where a URL points, without its password: `host:port/database as user`. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    const user = decodeURIComponent(parsed.username) || '(default user)';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname} as ${user}`;
  } catch {
    return 'an unparseable URL';
  }
}

/**
 * Connects once and runs `SELECT 1`, so an unreachable server, a wrong password or a missing database is named in one
 * line before anything else starts (TypeORM would otherwise retry and log stack traces).
 */
export async function assertDatabaseReachable(url: string, variable: string, timeoutMs = 5_000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A server that drops the connection after connecting reports it here rather than as an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new DatabaseUnreachableError(`cannot use PostgreSQL at ${describeDatabase(url)} (${variable}): ${reasonOf(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  // Node gives an AggregateError with an empty message when every address of a host refused (IPv4 and IPv6).
  const message = error.message || (error instanceof AggregateError ? String(error.errors[0]?.message ?? '') : '');
  return message || code || error.name;
}
