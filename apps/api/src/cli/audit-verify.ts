/**
 * `npm run audit:verify [-- --full] [-- --concurrency=N]`: checks the audit trail of every unit — hash chain,
 * lifecycle heads, and a replay of every event through the machine. By default each unit is checked from its last
 * checkpoint (what an earlier run verified, see libs/audit checkpoint.ts), so a run costs what was appended since;
 * `--full` re-checks every entry from the first. Units are checked N at once, each on its own connection; progress
 * is printed every few seconds. Exits 1 if any unit's trail is broken, naming where.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CheckpointRepository } from '../audit/checkpoint.repository';
import { HistoryRepository } from '../audit/history.repository';
import { TrailVerificationService } from '../audit/trail-verification.service';
import { validateEnvironment } from '../config/app-config';
import { DatabaseLocation } from '../database/database-url';
import { dataSourceOptions } from '../database/data-source-options';

const PAGE = 1000;
const PROGRESS_EVERY_MS = 2000;

function options(argv: string[]): { full: boolean; concurrency: number } {
  const full = argv.includes('--full');
  const given = argv.find((a) => a.startsWith('--concurrency='))?.split('=')[1];
  const concurrency = given === undefined ? 4 : Number(given);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new Error('--concurrency must be 1–32');
  const unknown = argv.filter((a) => a !== '--full' && !a.startsWith('--concurrency='));
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.join(' ')} (use --full, --concurrency=N)`);
  return { full, concurrency };
}

async function main(): Promise<number> {
  const { full, concurrency } = options(process.argv.slice(2));
  const location = await DatabaseLocation.resolve(validateEnvironment(process.env));
  // Operator commands run as the schema owner (DATABASE_MIGRATION_URL, or the embedded cluster's superuser).
  const dataSource = new DataSource(dataSourceOptions(location.migration?.url ?? location.url, concurrency + 1));
  await dataSource.initialize();
  try {
    const history = new HistoryRepository(dataSource);
    const verification = new TrailVerificationService(history, new CheckpointRepository(dataSource));
    const [{ n: total }] = (await dataSource.query(`SELECT count(*)::int AS n FROM devices`)) as Array<{ n: number }>;
    const tally = { checked: 0, broken: 0, hashed: 0, incremental: 0, unmoved: 0 };
    const started = Date.now();
    const progress = setInterval(() => {
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `… ${tally.checked}/${total} unit(s), ${tally.hashed} entries hashed and replayed, ${Math.round(tally.checked / seconds)} units/s`,
      );
    }, PROGRESS_EVERY_MS);
    // Workers share one cursor over device ids: each takes the next id when it is done with its last.
    let queue: string[] = [];
    let after: string | null = null;
    let exhausted = false;
    const next = async (): Promise<string | undefined> => {
      if (queue.length === 0 && !exhausted) {
        const ids = await history.deviceIds(after, PAGE);
        if (ids.length < PAGE) exhausted = true;
        if (ids.length) after = ids[ids.length - 1];
        // Units that have not moved since their checkpoint are settled for the whole page in one query.
        const unmoved = full || ids.length === 0 ? new Set<string>() : await verification.unmoved(ids);
        tally.checked += unmoved.size;
        tally.incremental += unmoved.size;
        tally.unmoved += unmoved.size;
        queue = queue.concat(ids.filter((id) => !unmoved.has(id)));
      }
      const id = queue.shift();
      // A page whose units were all unmoved leaves the queue empty: fetch the next one.
      return id === undefined && !exhausted ? next() : id;
    };
    let fetching: Promise<string | undefined> = Promise.resolve(undefined);
    const take = () => (fetching = fetching.then(next));
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let id = await take(); id !== undefined; id = await take()) {
          const result = await verification.verify(id, { full });
          tally.checked++;
          tally.hashed += result.hashed;
          if (result.from) tally.incremental++;
          if (!result.ok) {
            tally.broken++;
            console.log(`BROKEN device ${id} lifecycle ${result.lifecycleId} seq ${result.seq}: ${result.reason}`);
          }
        }
      }),
    );
    clearInterval(progress);
    const mode = full ? 'full run' : `${tally.incremental} from a checkpoint, ${tally.unmoved} of them unmoved`;
    console.log(
      `${tally.checked} unit(s) checked in ${Date.now() - started} ms (${mode}, ${tally.hashed} entries hashed and replayed): ${
        tally.broken === 0 ? 'every trail verifies' : `${tally.broken} broken`
      }`,
    );
    return tally.broken === 0 ? 0 : 1;
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
