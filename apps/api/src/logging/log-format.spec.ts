import type { LoggerService } from '@nestjs/common';
import { FrameworkAtDebugLogger, formatOptions, resolveLogFormat } from './log-format';
import { readyLine } from './start-banner';

describe('log format', () => {
  it.each([
    [undefined, true, 'pretty'],
    [undefined, false, 'json'],
    ['json', true, 'json'],
    ['pretty', false, 'pretty'],
  ] as const)('LOG_FORMAT=%s with a terminal=%s → %s', (configured, terminal, expected) => {
    expect(resolveLogFormat(configured, terminal)).toBe(expected);
  });

  it('JSON adds nothing to pino-http; pretty goes through the pino-pretty transport', () => {
    expect(formatOptions('json')).toEqual({});
    expect(formatOptions('pretty').transport).toEqual(expect.objectContaining({ target: 'pino-pretty' }));
  });
});

describe('the framework start-up lines', () => {
  const calls: Array<[string, unknown, unknown[]]> = [];
  const inner: LoggerService = {
    log: (message, ...rest) => calls.push(['log', message, rest]),
    debug: (message, ...rest) => calls.push(['debug', message, rest]),
    error: (message, ...rest) => calls.push(['error', message, rest]),
    warn: (message, ...rest) => calls.push(['warn', message, rest]),
  };
  const logger = new FrameworkAtDebugLogger(inner);

  it("go to debug (route mapping, modules initialised); the application's own lines and the framework's warnings stay", () => {
    logger.log('Mapped {/devices, GET} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Recert ready on http://127.0.0.1:3000', 'Recert');
    logger.warn('something odd', 'RouterExplorer');
    expect(calls.map(([level, message]) => [level, message])).toEqual([
      ['debug', 'Mapped {/devices, GET} route'],
      ['debug', 'AppModule dependencies initialized'],
      ['log', 'Recert ready on http://127.0.0.1:3000'],
      ['warn', 'something odd'],
    ]);
  });
});

describe('the start line', () => {
  it('names the URL people can open (never a wildcard address) and the docs under it', () => {
    expect(readyLine({ host: '0.0.0.0', port: 3000, database: 'embedded PostgreSQL', elapsedMs: 812 })).toBe(
      'Recert ready on http://localhost:3000 (API docs http://localhost:3000/docs; embedded PostgreSQL; 812 ms)',
    );
    expect(readyLine({ host: '0.0.0.0', port: 3000, publicUrl: 'https://recert.example/', database: 'db', elapsedMs: 1 })).toBe(
      'Recert ready on https://recert.example (API docs https://recert.example/docs; db; 1 ms)',
    );
  });
});
