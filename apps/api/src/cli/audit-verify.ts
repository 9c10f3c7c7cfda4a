/**
 * `npm run audit:verify [-- --full] [-- --concurrency=N]`: checks the audit trail of every unit — hash chain,
 * lifecycle heads, and a replay of every event through the machine. By default each unit is checked from its last
 * checkpoint (what an earlier run verified, see libs/audit checkpoint.ts), so a run costs what was appended since;
 * `--full` re-checks every entry from the first. The work runs on N worker threads (default: one per core), each
 * verifying batches of units in memory on its own connection; progress is printed every few seconds. Exits 1 if
 * any unit's trail is broken, naming where.
 */
import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { HistoryRepository } from '../audit/history.repository';
import { validateEnvironment } from '../config/app-config';
import { DatabaseLocation } from '../database/database-url';
import { dataSourceOptions } from '../database/data-source-options';
import type { BatchRequest, BatchResult, WorkerMessage } from './audit-verify.protocol';

/** Units per page: about ten thousand entries at the usual trail length, read in three queries. */
const BATCH = 1000;
const PROGRESS_EVERY_MS = 2000;

function options(argv: string[]): { full: boolean; concurrency: number } {
  const full = argv.includes('--full');
  const given = argv.find((a) => a.startsWith('--concurrency='))?.split('=')[1];
  const concurrency = given === undefined ? Math.min(availableParallelism(), 32) : Number(given);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new Error('--concurrency must be 1–32');
  const unknown = argv.filter((a) => a !== '--full' && !a.startsWith('--concurrency='));
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.join(' ')} (use --full, --concurrency=N)`);
  return { full, concurrency };
}

async function main(): Promise<number> {
  const { full, concurrency } = options(process.argv.slice(2));
  const location = await DatabaseLocation.resolve(validateEnvironment(process.env));
  // Operator commands run as the schema owner (DATABASE_MIGRATION_URL, or the embedded cluster's superuser).
  const url = location.migration?.url ?? location.url;
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  const workers: Worker[] = [];
  try {
    const history = new HistoryRepository(dataSource);
    const [{ n: total }] = (await dataSource.query(`SELECT count(*)::int AS n FROM devices`)) as Array<{ n: number }>;
    const tally = { checked: 0, broken: 0, hashed: 0, incremental: 0, unmoved: 0 };
    const started = Date.now();
    const progress = setInterval(() => {
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `… ${tally.checked}/${total} unit(s), ${tally.hashed} entries hashed and replayed, ${Math.round(tally.checked / seconds)} units/s, ${Math.round(tally.hashed / seconds)} entries/s`,
      );
    }, PROGRESS_EVERY_MS);

    // Pages come from one keyset cursor over device ids, each a contiguous range; a worker settles a page's
    // unmoved units (incremental runs) and walks the rest.
    let after: string | null = null;
    let exhausted = false;
    const nextPage = async (): Promise<BatchRequest | undefined> => {
      if (exhausted) return undefined;
      const ids = await history.deviceIds(after, BATCH);
      if (ids.length < BATCH) exhausted = true;
      if (ids.length === 0) return undefined;
      after = ids[ids.length - 1];
      return { ids, contiguous: true };
    };
    let fetching: Promise<BatchRequest | undefined> = Promise.resolve(undefined);
    const take = () => (fetching = fetching.then(nextPage));

    const record = (result: BatchResult) => {
      tally.checked += result.checked;
      tally.unmoved += result.unmoved;
      tally.hashed += result.hashed;
      tally.incremental += result.incremental;
      for (const broken of result.broken) {
        tally.broken++;
        console.log(`BROKEN device ${broken.deviceId} lifecycle ${broken.lifecycleId} seq ${broken.seq}: ${broken.reason}`);
      }
    };
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const worker = new Worker(join(__dirname, 'audit-verify.worker.js'), { workerData: { url, full } });
        workers.push(worker);
        const answers = messages(worker);
        await answers.next();
        for (let batch = await take(); batch !== undefined; batch = await take()) {
          worker.postMessage(batch);
          record(await answers.next());
        }
        worker.postMessage('stop');
      }),
    );
    clearInterval(progress);
    const seconds = (Date.now() - started) / 1000;
    const mode = full ? 'full run' : `${tally.incremental} from a checkpoint, ${tally.unmoved} of them unmoved`;
    console.log(
      `${tally.checked} unit(s) checked in ${Math.round(seconds * 1000)} ms on ${concurrency} thread(s) (${mode}, ${tally.hashed} entries hashed and replayed, ${Math.round(tally.hashed / seconds)} entries/s): ${
        tally.broken === 0 ? 'every trail verifies' : `${tally.broken} broken`
      }`,
    );
    return tally.broken === 0 ? 0 : 1;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    await dataSource.destroy();
    await location.stop();
  }
}

/** A worker's answers, in order; an error it reports (or dies of) rejects the wait for the next. */
function messages(worker: Worker): { next(): Promise<BatchResult> } {
  const arrived: Array<BatchResult | Error> = [];
  const waiting: Array<(answer: BatchResult | Error) => void> = [];
  const deliver = (answer: BatchResult | Error) => {
    const waiter = waiting.shift();
    if (waiter) waiter(answer);
    else arrived.push(answer);
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message === 'ready') deliver({ checked: 0, unmoved: 0, hashed: 0, incremental: 0, broken: [] });
    else if ('error' in message) deliver(new Error(`a verification worker failed: ${message.error}`));
    else deliver(message);
  });
  worker.on('error', deliver);
  worker.on('exit', (code) => waiting.length && deliver(new Error(`a verification worker exited (${code})`)));
  const settle = (answer: BatchResult | Error) => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer));
  return {
    next: () =>
      arrived.length ? settle(arrived.shift()!) : new Promise<BatchResult | Error>((resolve) => waiting.push(resolve)).then(settle),
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
