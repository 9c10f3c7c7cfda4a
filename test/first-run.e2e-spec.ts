import { findFreePort } from '../apps/api/src/database/embedded-postgres';
import { requiredDatabaseUrl } from './support/test-app';
import { ServiceProcess } from './support/service-process';

const STACK_FRAME = /^\s+at /;

/** What a person sees when starting the built service: its start lines, its log format, a database it cannot reach. */
describe('first run of the built service', () => {
  const started: ServiceProcess[] = [];
  afterAll(async () => {
    for (const service of started) {
      if (service.child.exitCode === null && service.child.signalCode === null) {
        service.kill('SIGTERM');
        await service.exited();
      }
    }
  });
  const spawn = async (env: Record<string, string>) => {
    const service = ServiceProcess.spawn({ RECERT_ADMIN_KEY: '', RECERT_SCHEDULER: 'off', ...env }, await findFreePort());
    started.push(service);
    return service;
  };

  it('a database that does not answer: one line naming host, port and what failed, no password, no stack, exit code 1', async () => {
    const closedPort = await findFreePort();
    const service = await spawn({ DATABASE_URL: `postgres://recert:s3cret-pass@127.0.0.1:${closedPort}/recert`, LOG_FORMAT: 'json' });
    expect(await service.exited()).toBe(1);
    expect(service.output).toEqual([
      expect.stringMatching(
        new RegExp(`^recert: cannot use PostgreSQL at 127\\.0\\.0\\.1:${closedPort}/recert as recert \\(DATABASE_URL\\): .*ECONNREFUSED`),
      ),
    ]);
    expect(service.output.join('\n')).not.toContain('s3cret-pass');
    expect(service.output.some((line) => STACK_FRAME.test(line))).toBe(false);
  });

  it('JSON logs: route mapping at debug level, then one ready line with the URL and docs URL, and how to get an admin key', async () => {
    const service = await spawn({ DATABASE_URL: requiredDatabaseUrl(), LOG_FORMAT: 'json', LOG_LEVEL: 'debug' });
    await service.waitUntilReady();
    await new Promise((r) => setTimeout(r, 200));
    const entries = service.output.map((line) => JSON.parse(line) as { level: number; msg: string; context?: string });
    const mapped = entries.filter((e) => /^Mapped \{/.test(e.msg));
    expect(mapped.length).toBeGreaterThan(20);
    expect(new Set(mapped.map((e) => e.level))).toEqual(new Set([20])); // pino's debug
    const startLines = entries.filter((e) => e.level >= 30 && e.context !== undefined);
    expect(startLines.map((e) => e.msg)).toEqual([
      expect.stringMatching(
        new RegExp(`^Recert ready on ${service.baseUrl} \\(API docs ${service.baseUrl}/docs; PostgreSQL from DATABASE_URL; \\d+ ms\\)$`),
      ),
      expect.stringMatching(/^no RECERT_ADMIN_KEY: .*export RECERT_ADMIN_KEY=rct_\$\(openssl rand/),
    ]);
  });

  it('LOG_FORMAT=pretty: one readable line per entry, request lines with method, path and status', async () => {
    const service = await spawn({ DATABASE_URL: requiredDatabaseUrl(), LOG_FORMAT: 'pretty', LOG_LEVEL: 'info', NO_COLOR: '1' });
    await service.waitUntilReady();
    await fetch(`${service.baseUrl}/health/live`);
    await new Promise((r) => setTimeout(r, 500));
    expect(service.output.every((line) => !line.startsWith('{'))).toBe(true);
    expect(service.output).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/INFO.*\[Recert\] Recert ready on http:\/\/127\.0\.0\.1:\d+ \(API docs/),
        expect.stringMatching(/INFO.*GET \/health\/live 200 \d+ ms/),
      ]),
    );
  });
});
