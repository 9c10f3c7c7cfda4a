/**
 * One of `audit:verify`'s worker threads: it holds its own connection, takes pages of unit ids from the main
 * thread, settles the unmoved ones and verifies the rest in memory (TrailVerificationService.verifyPage) and answers with what it found.
 * Hashing and replay are CPU-bound, so the run uses as many of these as the machine has cores.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { CheckpointRepository } from '../audit/checkpoint.repository';
import { HistoryRepository } from '../audit/history.repository';
import { TrailVerificationService } from '../audit/trail-verification.service';
import { dataSourceOptions } from '../database/data-source-options';
import type { BatchRequest, BatchResult } from './audit-verify.protocol';

const { url, full } = workerData as { url: string; full: boolean };
const port = parentPort!;

async function serve(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, 3));
  await dataSource.initialize();
  const verification = new TrailVerificationService(new HistoryRepository(dataSource), new CheckpointRepository(dataSource));
  port.on('message', (request: BatchRequest | 'stop') => {
    if (request === 'stop') {
      void dataSource.destroy().then(() => port.close());
      return;
    }
    verification.verifyPage(request, { full }).then(
      ({ unmoved, walked }) => {
        const answer: BatchResult = { checked: unmoved + walked.length, unmoved, hashed: 0, incremental: unmoved, broken: [] };
        for (const { deviceId, report } of walked) {
          answer.hashed += report.hashed;
          if (report.from) answer.incremental++;
          if (!report.ok) answer.broken.push({ deviceId, lifecycleId: report.lifecycleId, seq: report.seq, reason: report.reason });
        }
        port.postMessage(answer);
      },
      (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
  port.postMessage('ready');
}

void serve().catch((error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }));
