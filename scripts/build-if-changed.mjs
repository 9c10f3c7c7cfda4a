#!/usr/bin/env node
// `npm run build` (the portal's Vite build, then nest's tsc builder with the Swagger plugin) takes ~20 s; a start with nothing changed should not pay it.
// The build is skipped when the built entry exists and a digest of every input of the build (sources, configs, the
// lockfile) equals the one written after the last build. The digest lives in nest's output folder, which every
// `nest build` empties first: after a build by any other script (pretest, openapi:write…) the next start builds again.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/apps/api/apps/api/src/main.js');
const digestFile = join(root, 'dist/apps/api/.build-inputs.sha256');
const INPUT_FOLDERS = ['apps', 'libs'];
const INPUT_FILES = ['package-lock.json', 'nest-cli.json', 'tsconfig.json'];

function* filesUnder(folder) {
  for (const item of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, item.name);
    if (item.isDirectory()) yield* filesUnder(path);
    else if (item.isFile()) yield path;
  }
}

function inputsDigest() {
  const files = [...INPUT_FOLDERS.flatMap((f) => [...filesUnder(join(root, f))]), ...INPUT_FILES.map((f) => join(root, f))];
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const digest = inputsDigest();
const previous = existsSync(digestFile) ? readFileSync(digestFile, 'utf8').trim() : undefined;
if (existsSync(entry) && previous === digest) {
  console.error('build: nothing changed since the last build (dist/ is up to date)');
} else {
  console.error('build: npm run build (the portal, then nest build api)');
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  writeFileSync(digestFile, `${digest}\n`);
}
