/**
 * Operator commands for the schema: `run`, `revert`, `generate <Name>` and `check` (fails on drift).
 * Uses DATABASE_MIGRATION_URL (the schema owner) or DATABASE_URL, or the embedded PostgreSQL in RECERT_DATA_DIR when neither is set.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../config/app-config';
import { DatabaseLocation } from '../database/database-url';
import { dataSourceOptions } from '../database/data-source-options';

/** SQL that would bring the schema in line with the entities: empty when migrations and entities agree. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
}

function migrationSource(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const env = validateEnvironment(process.env);
  const location = await DatabaseLocation.resolve(env);
  // Operator commands run as the schema owner (DATABASE_MIGRATION_URL, or the embedded cluster's superuser).
  const dataSource = new DataSource(dataSourceOptions(location.migration?.url ?? location.url, 2));
  await dataSource.initialize();
  try {
    switch (command) {
      case 'run': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'schema is up to date');
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
        return 0;
      case 'check': {
        await dataSource.runMigrations({ transaction: 'each' });
        const { up } = await pendingSchemaChanges(dataSource);
        if (up.length === 0) {
          console.log('no drift: the migrations build exactly the schema the entities describe');
          return 0;
        }
        console.error(`drift: the entities need ${up.length} statement(s) no migration has:\n${up.join('\n')}`);
        return 1;
      }
      case 'generate': {
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate <PascalCaseName>');
        await dataSource.runMigrations({ transaction: 'each' });
        const { up, down } = await pendingSchemaChanges(dataSource);
        if (up.length === 0) {
          console.log('no changes: nothing to generate');
          return 0;
        }
        const timestamp = Date.now();
        const dir = resolve(process.env.RECERT_MIGRATIONS_DIR ?? 'apps/api/src/database/migrations');
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${timestamp}-${name}.ts`);
        writeFileSync(file, migrationSource(`${name}${timestamp}`, up, down));
        console.log(`wrote ${file}; add it to database/migrations.ts`);
        return 0;
      }
      default:
        console.error('usage: migrations <run | revert | check | generate Name>');
        return 2;
    }
  } finally {
    await dataSource.destroy();
    await location.stop();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
