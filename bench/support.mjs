/**
 * Shared by the hostile-input benchmarks: a database (DATABASE_URL or a throw-away embedded cluster, migrated)
 * and built service instances on 127.0.0.1, started and stopped by this process only.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
export const root = resolve(import.meta.dirname, '..');
const dist = (path) => join(root, 'dist/apps/api/apps/api/src', path);
export const ADMIN_KEY = 'rct_bench-platform-admin-key-0000000000000';

export async function database() {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const { startEmbeddedCluster } = require(dist('database/embedded-postgres.js'));
    const cluster = await startEmbeddedCluster();
    url = cluster.url;
    stop = () => cluster.stop();
  }
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(dist('database/data-source-options.js'));
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return { url, stop };
}

export async function startService(url, env = {}) {
  const { findFreePort } = require(dist('database/embedded-postgres.js'));
  const port = await findFreePort();
  const child = spawn(process.execPath, [dist('main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      PORT: String(port),
      RECERT_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: 'error',
      RECERT_SCHEDULER: 'off',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error('the service exited early');
    if (
      await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    pid: child.pid,
    stop: () =>
      new Promise((done) => {
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

export async function call(base, method, path, { key = ADMIN_KEY, body, contentType = 'application/json' } = {}) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  }).catch((error) => ({ status: 0, error, json: async () => ({}), headers: new Headers() }));
  const json = await response.json().catch(() => ({}));
  return { status: response.status, body: json, headers: response.headers, ms: performance.now() - started };
}

/** A refurbishment centre with an admin and a technician (keys), and a customer. */
export async function workshop(base) {
  const org = (kind) =>
    call(base, 'POST', '/organisations', { body: { name: `bench ${kind} ${Date.now()}`, kind } }).then((r) => r.body.id);
  const centre = await org('refurbishment_centre');
  const customer = await org('customer');
  await call(base, 'PUT', `/organisations/${centre}/customers/${customer}`);
  const user = async (role) => {
    const u = await call(base, 'POST', '/users', {
      body: { organisationId: centre, email: `${role}.${crypto.randomUUID()}@bench.invalid`, name: role, role },
    });
    const k = await call(base, 'POST', `/users/${u.body.id}/api-keys`, { body: { name: 'bench' } });
    return { id: u.body.id, key: k.body.key, keyId: k.body.id };
  };
  return { centre, customer, admin: await user('admin'), technician: await user('technician') };
}

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
};

export const unit = (prefix, i) => ({
  brand: 'Lenovo',
  serial: `${prefix}${String(i).padStart(6, '0')}`,
  model: 'ThinkPad T14',
  deviceClass: 'notebook',
});
