import { Injectable, PipeTransform } from '@nestjs/common';
import type { LifecycleEvent } from '@recert/lifecycle';
import { validatedInstance } from '../common/validation';
import { parseLifecycleEvent } from './event-payloads.dto';
import { BulkEventDto } from './events.dto';

/** The body of POST /devices/:id/events: `{ type, ...payload }`, validated against its event's payload class. */
@Injectable()
export class LifecycleEventPipe implements PipeTransform<unknown, LifecycleEvent> {
  transform(body: unknown): LifecycleEvent {
    return parseLifecycleEvent(body);
  }
}

/** A bulk event: the device ids, and the one event for all of them, parsed as above. */
export interface BulkEvent {
  deviceIds: string[];
  event: LifecycleEvent;
}

@Injectable()
export class BulkEventPipe implements PipeTransform<unknown, BulkEvent> {
  transform(body: unknown): BulkEvent {
    const { deviceIds, event } = validatedInstance(BulkEventDto, body);
    return { deviceIds, event: parseLifecycleEvent(event, 'event') };
  }
}
