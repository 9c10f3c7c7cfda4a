import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** The most entries of a trail in one answer; longer trails are paged (Link: rel="next"). */
export const MAX_HISTORY_PAGE = 1000;

import type { HashedAuditRecord } from '@recert/audit';

/** A page of a unit's trail: entries after `after` (`lifecycle.seq`, e.g. `2.15`), at most `limit` (1–1000, default 1000). */
export class HistoryQuery {
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,5}\.[0-9]{1,9}$/, { message: 'after must be lifecycle.seq, e.g. 2.15' })
  after?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_PAGE)
  limit?: number;
}

/** `full=true` re-checks the whole trail from its first entry; by default verification starts at the unit's last checkpoint. */
export class VerifyQuery {
  @IsOptional()
  @IsIn(['true', 'false'])
  full?: 'true' | 'false';
}

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
  /** Entries hashed and replayed by this call (only those after the checkpoint, unless `full=true`). */
  hashed?: number;
  /** The checkpoint (`lifecycle.seq`) this call started after, or null when it walked from the first entry. */
  from?: string | null;
  /** Where the trail first breaks, when it does. */
  lifecycleId?: string;
  seq?: number;
  reason?: string;
}

export const toAuditEntryDto = ({ deviceId: _device, ...entry }: HashedAuditRecord): AuditEntryDto => entry;
