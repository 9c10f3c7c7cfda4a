/** Builds the bulk's chunks one ahead of the COPY: one chunk at start, the next each time the main thread asks. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildChunk } from './copy-rows.mjs';

const { count, chunk } = workerData;
let done = 0;
const next = () => {
  if (done >= count) return;
  const size = Math.min(chunk, count - done);
  parentPort.postMessage(buildChunk(workerData, done, size));
  done += size;
};
next();
next();
parentPort.on('message', next);
