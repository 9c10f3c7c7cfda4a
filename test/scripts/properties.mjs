#!/usr/bin/env node
// The long property search: `npm run test:properties -- --runs 2000 [--commands 60] [--seed N] [--path P] [--known-holes a,b|none] [--time-limit-s S]`.
// Runs test/properties.e2e-spec.ts alone under jest with the figures as environment variables.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const env = { ...process.env };
const set = (name, value) => value !== undefined && (env[name] = value);
set('PROPERTY_RUNS', option('runs') ?? '1000');
set('PROPERTY_MAX_COMMANDS', option('commands') ?? '60');
set('PROPERTY_SEED', option('seed') ?? String(Date.now() % 2 ** 31));
set('PROPERTY_PATH', option('path'));
// Stop searching (and shrinking) after this many seconds, reporting what was found so far.
if (option('time-limit-s')) env.PROPERTY_TIME_LIMIT_MS = String(Number(option('time-limit-s')) * 1000);
const holes = option('known-holes');
if (holes !== undefined) env.PROPERTY_KNOWN_HOLES = holes === 'none' ? '' : holes;
env.PROPERTY_TIMEOUT_MS ??= String(24 * 3600 * 1000);
console.log(`properties: seed ${env.PROPERTY_SEED}, ${env.PROPERTY_RUNS} runs × up to ${env.PROPERTY_MAX_COMMANDS} commands`);
const result = spawnSync('npx', ['jest', 'test/properties.e2e-spec.ts', '-t', 'holds', `--testTimeout=${env.PROPERTY_TIMEOUT_MS}`], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
