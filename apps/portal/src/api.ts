/** The service's JSON API, called with the session cookie (same origin; the API key never reaches the page again). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, (json as { detail?: string }).detail ?? response.statusText);
  return json as T;
}

export const get = <T>(path: string) => call<T>('GET', path);
export const login = (apiKey: string) => call<{ caller: Caller }>('POST', '/portal/session', { apiKey });
export const logout = () => call<void>('DELETE', '/portal/session');

export interface Caller {
  userId: string;
  organisationId: string;
  organisationKind: string;
  role: string;
}

export interface TakebackSummary {
  id: string;
  site: string;
  createdAt: string;
  expected: number;
  received: number;
}

export interface Takeback extends TakebackSummary {
  customerOrganisationId: string;
  custodianOrganisationId: string;
}

export interface Device {
  id: string;
  brand: string;
  serial: string;
  model: string;
  deviceClass: string;
  lifecycle: { state: string; takebackId: string | null };
}

export interface DestructionCertificate {
  summary: { units: number; media: number; wiped: number; destroyed: number; pending: number; complete: boolean };
  media: Array<{
    deviceId: string;
    deviceSerial: string;
    mediumSerial: string;
    mediaType: string;
    status: string;
    method: string | null;
    level: string | null;
    completedAt: string | null;
    validator: string | null;
  }>;
}

/** kg CO2e with its low–high band (the carbon API contract). */
export interface Band {
  kg: number;
  low: number;
  high: number;
}

export interface ClassFigures {
  deviceClass: string;
  units: number;
  inventory: Band;
  avoided: Band;
}

export interface CarbonReport {
  units: number;
  totals: { inventory: Band; avoided: Band; offsetsRetired: { tCo2e: number } };
  byClass: ClassFigures[];
  byMonth?: Array<{ month: string; inventory: Band; avoided: Band }>;
  factorSets: string[];
  labels: { carbonNeutralClaimAllowed: boolean; reason: string };
}

export interface LedgerEntry {
  id: string;
  kind: string;
  amount: Band;
  factorSet: string;
  source: { row?: string; classDefault?: string; url?: string };
  inputs: Record<string, unknown>;
  claimant?: { organisationId: string; role: string };
  lifecycle: number;
  recordedAt: string;
}

export interface Ledger {
  deviceId: string;
  entries: LedgerEntry[];
  totals: { inventory: Band; avoided: Band; offsetsAllocated: { tCo2e: number } };
}
