import { defaultPublicUrl } from '../certificates/certificates.service';

/** The start line a person reads: where the API is, where its documentation is, how the database was found. */
export function readyLine(input: { host: string; port: number; publicUrl?: string; database: string; elapsedMs: number }): string {
  const url = (input.publicUrl ?? defaultPublicUrl(input.host, input.port)).replace(/\/$/, '');
  return `Recert ready on ${url} (API docs ${url}/docs; ${input.database}; ${input.elapsedMs} ms)`;
}

/**
 * Without RECERT_ADMIN_KEY nobody can administer a fresh installation. The service does not make a key itself and
 * print it: logs are often collected and kept, and a key in them is a leaked key. It prints the command instead.
 */
export const ADMIN_KEY_HINT =
  'no RECERT_ADMIN_KEY: to administer Recert, stop it and start it again with an administrator key of your choosing, e.g. ' +
  `export RECERT_ADMIN_KEY=rct_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')  (README, "A first walk-through")`;
