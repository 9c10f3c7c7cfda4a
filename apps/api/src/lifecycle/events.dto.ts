import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsObject, IsUUID } from 'class-validator';
import type { EventType } from '@recert/lifecycle';
import { eventBodySchema } from './event-payloads.openapi';

export class BulkEventDto {
  /** Up to 1,000 units. */
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  deviceIds: string[];

  /** One event, `{ "type": …, …payload }`, applied to each unit in its own transaction. */
  @ApiProperty(eventBodySchema() as ApiPropertyOptions)
  @IsObject()
  event: Record<string, unknown>;
}

export class NextLifecycleDto {
  id: string;
  state: string;
  allowedEvents: EventType[];
}

export class EventOutcomeDto {
  deviceId: string;
  lifecycleId: string;
  event: EventType;
  fromState: string;
  state: string;
  allowedEvents: EventType[];
  version: number;
  seq: number;
  hash: string;
  /** Set when the event ended this lifecycle and the unit began a new one (RECEIVE_RMA). */
  nextLifecycle?: NextLifecycleDto;
  /** What the server computed from the evidence: the suite's verdict, the rubric's grade, the warranty, a claim's assessment. */
  evidence?: Record<string, unknown>;
  /** The sanitization certificate this event completed (VALIDATE_SANITIZATION, DESTROY_MEDIA). */
  certificateId?: string;
  /** Units created by this event: the parts of a HARVEST. */
  createdDeviceIds?: string[];
}

export class BulkOutcomeDto {
  deviceId: string;
  status: number;
  /** The outcome when status is 200. */
  result?: EventOutcomeDto;
  /** The problem document otherwise. */
  problem?: Record<string, unknown>;
}

export class BulkResultDto {
  applied: number;
  refused: number;
  outcomes: BulkOutcomeDto[];
}

export class MachineDto {
  version: string;
  definition: Record<string, unknown>;
}
