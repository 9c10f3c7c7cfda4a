/**
 * A full unit export (CSV, then JSON Lines) of UNITS units (default 1,000,000, seeded with SQL by
 * bench/lists-seed.mjs) from a built service on 127.0.0.1: prints rows/s, MB/s and the service's resident memory
 * before, and at its peak during, each export (sampled from /proc every 50 ms, and the kernel's high-water mark).
 *   npm run bench:export            UNITS=100000 npm run bench:export            DATABASE_URL=… to use a server
 */
import { readFileSync } from 'node:fs';
import { database, startService, ADMIN_KEY } from './support.mjs';
import { seedUnits } from './lists-seed.mjs';

const UNITS = Number(process.env.UNITS ?? 1_000_000);
const TIME_LIMIT_MS = 30 * 60_000;

const memory = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
};

async function exportOnce(base, pid, path, accept) {
  const before = memory(pid).rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(pid).rss)), 50);
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}`, accept },
    signal: AbortSignal.timeout(TIME_LIMIT_MS),
  });
  if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${await response.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { path, lines, seconds, bytes, before, peak: Math.max(peak, memory(pid).rss), hwm: memory(pid).hwm };
}

const { url, stop } = await database();
let service;
try {
  const units = await seedUnits(url, UNITS);
  service = await startService(url);
  // Warm the service (JIT, pool, catalogue of prepared plans) with a small export first.
  await exportOnce(service.base, service.pid, '/exports/devices?format=csv&site=Dock%201&createdTo=2025-01-01T01:00:00Z', 'text/csv');
  const results = [];
  for (const format of ['csv', 'jsonl'])
    results.push(await exportOnce(service.base, service.pid, `/exports/devices?format=${format}`, '*/*'));
  console.log(`\nfull unit export of ${units} units (seeded with SQL), service on 127.0.0.1, one client:`);
  console.table(
    results.map((r) => ({
      export: r.path,
      rows: r.path.includes('csv') ? r.lines - 1 : r.lines,
      seconds: r.seconds.toFixed(1),
      'rows/s': Math.round((r.path.includes('csv') ? r.lines - 1 : r.lines) / r.seconds),
      'MB/s': (r.bytes / 1e6 / r.seconds).toFixed(1),
      'RSS before (MB)': r.before.toFixed(0),
      'RSS peak (MB)': r.peak.toFixed(0),
      'RSS high-water (MB)': r.hwm.toFixed(0),
    })),
  );
} finally {
  await service?.stop();
  await stop();
}
