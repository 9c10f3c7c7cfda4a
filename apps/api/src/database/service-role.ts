import { Client } from 'pg';

/**
 * Two PostgreSQL roles: the schema owner runs the migrations; the service runs as a role that may read and write
 * the tables it works on, but may only INSERT and SELECT on the audit trail. Not owner, not superuser, it cannot
 * ALTER or TRUNCATE audit_events or disable its append-only trigger: the service's own account cannot rewrite history.
 */
export const SERVICE_GRANTS = (role: string): string[] => {
  const r = quoteIdent(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    // graphile-worker (warranty expiry): its queue tables and functions, installed by a migration.
    `GRANT USAGE ON SCHEMA graphile_worker TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${r}`,
  ];
};

/** What the connected role may do to the audit table that it must not; empty when it is properly restricted. */
export async function auditTableOverreach(query: (sql: string) => Promise<Array<Record<string, unknown>>>): Promise<string[]> {
  const [row] = await query(`SELECT r.rolsuper AS superuser, pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
      has_table_privilege(current_user, 'audit_events', 'UPDATE') AS "update", has_table_privilege(current_user, 'audit_events', 'DELETE') AS "delete",
      has_table_privilege(current_user, 'audit_events', 'TRUNCATE') AS "truncate", has_table_privilege(current_user, 'audit_events', 'TRIGGER') AS "trigger",
      current_user AS role
    FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_events'::regclass`);
  if (!row) return [];
  const problems: string[] = [];
  if (row.superuser) problems.push(`${String(row.role)} is a superuser`);
  if (row.owner)
    problems.push(`${String(row.role)} owns audit_events (or is a member of its owner), so it may ALTER it and disable its trigger`);
  for (const privilege of ['update', 'delete', 'truncate', 'trigger'])
    if (row[privilege] && !row.superuser && !row.owner) problems.push(`${String(row.role)} has ${privilege.toUpperCase()} on audit_events`);
  return problems;
}

/**
 * As the schema owner, after the migrations: grants the service's role what it needs (and no more on the audit
 * trail). `create` makes the login role first (embedded, tests); on an operator's server the role must exist.
 */
export async function ensureServiceRole(ownerUrl: string, serviceUrl: string, options: { create: boolean }): Promise<void> {
  const service = new URL(serviceUrl);
  const name = decodeURIComponent(service.username);
  const password = service.password ? decodeURIComponent(service.password) : null;
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const r = quoteIdent(name);
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;
    if (options.create) {
      const secret = password === null ? '' : ` PASSWORD ${quoteLiteral(password)}`;
      // BYPASSRLS: graphile-worker keeps row-level security on its queue tables (no policies); it grants nothing on audit_events.
      await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT BYPASSRLS${secret}`);
    } else if (!exists) {
      throw new Error(`the service role "${name}" of DATABASE_URL does not exist: create it as in README ("Using your own PostgreSQL")`);
    }
    for (const statement of SERVICE_GRANTS(name)) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The same server and database, as another role. */
export function urlAs(url: string, user: string, password: string | null): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = password === null ? '' : encodeURIComponent(password);
  return parsed.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;
