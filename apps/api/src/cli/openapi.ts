/**
 * `write` saves the OpenAPI document to docs/openapi.json; `check` fails when the committed one differs
 * from what the code describes. Builds the routes in preview mode: no database is needed.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApiDocument, createApp } from '../app.factory';

const DOCUMENT = resolve('docs/openapi.json');

async function main(): Promise<number> {
  const command = process.argv[2];
  process.env.LOG_LEVEL = 'silent';
  const app = await createApp({ databaseUrl: 'postgres://preview.invalid/recert', preview: true });
  const document = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  if (command === 'write') {
    writeFileSync(DOCUMENT, document);
    console.log(`wrote ${DOCUMENT}`);
    return 0;
  }
  if (command === 'check') {
    const committed = (() => {
      try {
        return readFileSync(DOCUMENT, 'utf8');
      } catch {
        return '';
      }
    })();
    if (committed === document) {
      console.log('docs/openapi.json matches the code');
      return 0;
    }
    console.error('docs/openapi.json is out of date: run `npm run openapi:write` and commit the result');
    return 1;
  }
  console.error('usage: openapi <write | check>');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
