import type { LoggerService } from '@nestjs/common';
import type { Options as PinoHttpOptions } from 'pino-http';

export type LogFormat = 'pretty' | 'json';

/** LOG_FORMAT wins; otherwise a person at a terminal reads lines, and a collector (pipe, file, container log) gets JSON. */
export function resolveLogFormat(configured: LogFormat | undefined, stdoutIsTerminal = Boolean(process.stdout.isTTY)): LogFormat {
  return configured ?? (stdoutIsTerminal ? 'pretty' : 'json');
}

/** What pino-http needs for the chosen format: JSON lines as they are, or one readable line per entry through pino-pretty. */
export function formatOptions(format: LogFormat): Partial<PinoHttpOptions> {
  if (format === 'json') return {};
  return {
    transport: {
      target: 'pino-pretty',
      options: {
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss.l',
        // The request's headers stay in JSON logs; a terminal line keeps method, path, status and time.
        ignore: 'pid,hostname,context,req,res,responseTime',
        messageFormat: '{if context}[{context}] {end}{msg}',
      },
    },
    customSuccessMessage: (request, response, responseTime) =>
      `${request.method} ${request.url} ${response.statusCode} ${Math.round(responseTime)} ms`,
    customErrorMessage: (request, response, error) => `${request.method} ${request.url} ${response.statusCode} ${error.message}`,
  };
}

/** Nest's own start-up chatter (modules initialised, every route mapped) is for debugging, not for every start. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Passes everything to the application's logger, with the framework's start-up lines at debug level. */
export class FrameworkAtDebugLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) this.inner.debug?.(message, ...rest);
    else this.inner.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.inner.fatal?.(message, ...rest);
  }
}
