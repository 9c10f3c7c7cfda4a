#!/usr/bin/env node
/**
 * The cost of a unit's allowed events, the part of every list page that runs the machine (prints figures; not a
 * test). `npm run bench:allowed-events` — no database: it builds SNAPSHOTS units by random walks of the machine
 * (the events of libs/lifecycle's spec), then times `allowedEvents` (only the types an active state node handles)
 * against `allowedEventsAskingEveryType` (all 47), ROUNDS rounds each, alternating, and checks they agree.
 */
import { createRequire } from 'node:module';
import { root } from './support.mjs';

const require = createRequire(import.meta.url);
const lifecycle = require(`${root}/dist/apps/api/libs/lifecycle/src/lifecycle.js`);
const SNAPSHOTS = Number(process.env.SNAPSHOTS ?? 2_000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const EVENTS = [
  { type: 'RECEIVE', site: 'Dock 1', sealIntact: true },
  { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
  { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'locked' }] },
  { type: 'SANITIZE', mediumSerial: 'M1', level: 'purge', method: 'nvme_sanitize_crypto_erase', result: 'pass' },
  { type: 'VALIDATE_SANITIZATION', mediumSerial: 'M1', method: 'full' },
  { type: 'TEST_RESULT', suite: 'notebook-standard@1', result: 'pass' },
  { type: 'GRADE', grade: 'A' },
  { type: 'CERTIFY', programmeId: 'p-1', programmeVersion: 3, programme: 'hp-renew@3' },
  { type: 'LIST', channel: 'web', market: 'FR', price: 349, currency: 'EUR' },
];

let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const snapshots = Array.from({ length: SNAPSHOTS }, () => {
  let snapshot = lifecycle.startLifecycle({ mediaSerials: ['M1'] });
  for (let step = Math.floor(random() * 12); step > 0; step--) {
    const applied = lifecycle.applyEvent(snapshot, EVENTS[Math.floor(random() * EVENTS.length)]);
    if (applied.ok) snapshot = applied.snapshot;
  }
  return lifecycle.restore(lifecycle.persist(snapshot)); // as a list page has it: restored from the stored row
});

const disagree = snapshots.filter(
  (s) => JSON.stringify(lifecycle.allowedEvents(s)) !== JSON.stringify(lifecycle.allowedEventsAskingEveryType(s)),
).length;
const states = new Set(snapshots.map((s) => JSON.stringify(s.value))).size;
const times = { 'active nodes': [], 'every type': [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, allowed] of [
    ['active nodes', lifecycle.allowedEvents],
    ['every type', lifecycle.allowedEventsAskingEveryType],
  ]) {
    const started = process.hrtime.bigint();
    for (const s of snapshots) allowed(s);
    times[name].push(Number(process.hrtime.bigint() - started) / 1e3 / snapshots.length);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${SNAPSHOTS} units in ${states} distinct states; the two answers differ on ${disagree}`);
for (const [name, xs] of Object.entries(times)) console.log(`${name}: median ${median(xs).toFixed(1)} µs per unit over ${ROUNDS} rounds`);
