/**
 * `npm run audit:verify`: checks the audit trail of every unit — hash chain, lifecycle heads, and a replay of
 * every event through the machine. Exits 1 if any unit's trail is broken, naming where.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { verifyTrail } from '../audit/chain-verification';
import { HistoryRepository } from '../audit/history.repository';
import { validateEnvironment } from '../config/app-config';
import { DatabaseLocation } from '../database/database-url';
import { dataSourceOptions } from '../database/data-source-options';

const PAGE = 500;

async function main(): Promise<number> {
  const location = await DatabaseLocation.resolve(validateEnvironment(process.env));
  // Operator commands run as the schema owner (DATABASE_MIGRATION_URL, or the embedded cluster's superuser).
  const dataSource = new DataSource(dataSourceOptions(location.migration?.url ?? location.url, 4));
  await dataSource.initialize();
  try {
    const history = new HistoryRepository(dataSource);
    let checked = 0;
    let broken = 0;
    const started = Date.now();
    for (let after: string | null = null; ;) {
      const ids = await history.deviceIds(after, PAGE);
      if (ids.length === 0) break;
      for (const id of ids) {
        const [records, lifecycles] = await Promise.all([history.records(id), history.lifecycles(id)]);
        const result = verifyTrail(records, lifecycles);
        checked++;
        if (!result.ok) {
          broken++;
          console.log(`BROKEN device ${id} lifecycle ${result.lifecycleId} seq ${result.seq}: ${result.reason}`);
        }
      }
      after = ids[ids.length - 1];
    }
    console.log(`${checked} unit(s) checked in ${Date.now() - started} ms: ${broken === 0 ? 'every trail verifies' : `${broken} broken`}`);
    return broken === 0 ? 0 : 1;
  } finally {
    await dataSource.destroy();
    await location.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
