import { appendFileSync } from 'node:fs';
import { takeContractViolations } from './contract';

/** Fails the test whose requests got an answer the OpenAPI document does not describe (contract.ts). */
afterEach(() => {
  const violations = takeContractViolations();
  if (violations.length === 0) return;
  // RECERT_CONTRACT_REPORT collects every violation of a run into one file, to fix them in one pass.
  if (process.env.RECERT_CONTRACT_REPORT) appendFileSync(process.env.RECERT_CONTRACT_REPORT, `${[...new Set(violations)].join('\n')}\n`);
  throw new Error(`Answers that break the OpenAPI contract (docs/openapi.json):\n- ${[...new Set(violations)].join('\n- ')}`);
});
