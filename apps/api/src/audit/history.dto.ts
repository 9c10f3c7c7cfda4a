import type { HashedAuditRecord } from '@recert/audit';

export class AuditEntryDto {
  lifecycleId: string;
  seq: number;
  eventType: string;
  payload: Record<string, unknown>;
  fromState: string | null;
  toState: string;
  actor: Record<string, unknown> | null;
  requestId: string | null;
  machineVersion: string;
  occurredAt: string;
  prevHash: string | null;
  hash: string;
  /** The licence decision a partner's command was allowed under. */
  licenceDecision?: Record<string, unknown> | null;
}

export class VerificationDto {
  ok: boolean;
  lifecycles?: number;
  events?: number;
  head?: string | null;
  /** Where the trail first breaks, when it does. */
  lifecycleId?: string;
  seq?: number;
  reason?: string;
}

export const toAuditEntryDto = ({ deviceId: _device, ...entry }: HashedAuditRecord): AuditEntryDto => entry;
