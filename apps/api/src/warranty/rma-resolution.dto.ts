import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export const RMA_OUTCOMES = ['repaired', 'replaced', 'refunded', 'no_fault_found'] as const;
export type RmaOutcome = (typeof RMA_OUTCOMES)[number];

export class RmaResolutionDto {
  @IsIn(RMA_OUTCOMES)
  outcome: RmaOutcome;

  /** For `replaced`: a listed unit in your custody, sold to the claimant with the rest of the warranty. */
  @IsOptional()
  @IsUUID()
  replacementDeviceId?: string;

  /** Repair order, refund or credit note reference. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class RmaResolutionResultDto {
  deviceId: string;
  lifecycleId: string;
  outcome: RmaOutcome;
  /** When the claimant's warranty ends now (null once refunded). */
  warrantyEndsAt: string | null;
  /** The replacement unit that carries the warranty on (`replaced`). */
  replacementDeviceId: string | null;
  seq: number;
}
