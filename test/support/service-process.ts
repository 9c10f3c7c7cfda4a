import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const BUILT_MAIN = resolve(__dirname, '../../dist/apps/api/apps/api/src/main.js');

/** The built service as a real process, as `npm start` runs it. */
export class ServiceProcess {
  readonly output: string[] = [];
  private exit?: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    this.exit = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  }

  static spawn(env: Record<string, string>, port: number): ServiceProcess {
    if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run "npm run build" (npm test does it first)`);
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, [BUILT_MAIN], {
      env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(child, `http://127.0.0.1:${port}`);
  }

  /** Milliseconds until /health/ready answers 200. */
  async waitUntilReady(timeoutMs = 60_000): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (this.child.exitCode !== null) throw new Error(`service exited early:\n${this.output.slice(-20).join('\n')}`);
      const ok = await fetch(`${this.baseUrl}/health/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`not ready within ${timeoutMs} ms:\n${this.output.slice(-20).join('\n')}`);
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  exited(): Promise<number | null> {
    return this.exit!;
  }
}
