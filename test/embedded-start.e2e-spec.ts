import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, readPostmaster } from '../apps/api/src/database/embedded-postgres';
import { TEST_ADMIN_KEY } from './support/constants';
import { ServiceProcess } from './support/service-process';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm start` without DATABASE_URL: a real process, its embedded cluster, a kill -9, and a restart. */
describe('the service on its embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'recert-start-'));
  chmodSync(dataDir, 0o755);
  const started: ServiceProcess[] = [];
  const env = { RECERT_DATA_DIR: dataDir, RECERT_ADMIN_KEY: TEST_ADMIN_KEY, LOG_LEVEL: 'info' };

  afterAll(async () => {
    for (const service of started) if (service.child.exitCode === null && service.child.signalCode === null) service.kill('SIGKILL');
    const postmaster = await readPostmaster(join(dataDir, 'postgres'));
    if (postmaster && isAlive(postmaster.pid)) process.kill(postmaster.pid, 'SIGQUIT');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, survives kill -9 (recovering the orphan postmaster), keeps its data and stops cleanly on SIGTERM', async () => {
    const first = ServiceProcess.spawn(env, await findFreePort());
    started.push(first);
    await first.waitUntilReady();

    const created = await fetch(`${first.baseUrl}/organisations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json', 'x-request-id': 'trace-me-1' },
      body: JSON.stringify({ name: 'Kept across restarts', kind: 'oem' }),
    });
    expect(created.status).toBe(201);
    const organisation = (await created.json()) as { id: string };

    // JSON logs carry the request id and never the key.
    await new Promise((r) => setTimeout(r, 200));
    const logged = first.output.filter((line) => line.includes('trace-me-1')).map((line) => JSON.parse(line));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0].req.headers.authorization).toBe('[redacted]');
    expect(first.output.join('\n')).not.toContain(TEST_ADMIN_KEY);

    first.kill('SIGKILL');
    await first.exited();
    const orphan = await readPostmaster(join(dataDir, 'postgres'));
    expect(orphan && isAlive(orphan.pid)).toBe(true);

    const second = ServiceProcess.spawn(env, await findFreePort());
    started.push(second);
    await second.waitUntilReady();
    expect(isAlive(orphan!.pid)).toBe(false);
    const again = await fetch(`${second.baseUrl}/organisations/${organisation.id}`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(again.status).toBe(200);

    const running = await readPostmaster(join(dataDir, 'postgres'));
    second.kill('SIGTERM');
    expect(await second.exited()).toBe(0);
    expect(isAlive(running!.pid)).toBe(false);
  });

  it('refuses a data folder already used by a live service', async () => {
    const owner = ServiceProcess.spawn(env, await findFreePort());
    started.push(owner);
    await owner.waitUntilReady();
    const intruder = ServiceProcess.spawn(env, await findFreePort());
    started.push(intruder);
    expect(await intruder.exited()).toBe(1);
    expect(intruder.output.join('\n')).toContain('in use by another Recert process');
    await fetch(`${owner.baseUrl}/health/ready`).then((r) => expect(r.status).toBe(200));
    owner.kill('SIGTERM');
    expect(await owner.exited()).toBe(0);
  });
});
