/** `npm run lifecycle:export [file]`: the machine as `createMachine({...})` source for Stately Studio. */
import { writeFileSync } from 'node:fs';
import { machineSource } from '@recert/lifecycle';

const target = process.argv[2];
if (target) {
  writeFileSync(target, machineSource());
  console.log(`wrote ${target}`);
} else {
  process.stdout.write(machineSource());
}
