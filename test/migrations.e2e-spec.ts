import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { pendingSchemaChanges } from '../apps/api/src/cli/migrations';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { MIGRATIONS } from '../apps/api/src/database/migrations';
import { ownerDatabaseUrl } from './support/test-app';

/** Runs against a database of its own, made empty on the suite's server and dropped afterwards. */
describe('migrations', () => {
  const name = `recert_migrations_${randomBytes(4).toString('hex')}`;
  const serverUrl = new URL(ownerDatabaseUrl());
  const admin = new Client({ connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString() });
  let dataSource: DataSource;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    dataSource = new DataSource(dataSourceOptions(Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString(), 2));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  });

  const tables = async () =>
    (await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map(
      (r: { tablename: string }) => r.tablename,
    );

  it('build the whole schema on an empty database, with no drift from the entities', async () => {
    expect(await tables()).toEqual([]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await tables()).toEqual(expect.arrayContaining(['api_keys', 'organisations', 'users', 'schema_migrations']));
    expect((await pendingSchemaChanges(dataSource)).up).toEqual([]);
  });

  it('revert one by one down to an empty schema', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['schema_migrations']);
  });
});
