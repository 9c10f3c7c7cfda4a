import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { toProblem } from '../common/problem.filter';
import { invalidInput } from '../common/validation';
import { parseLifecycleEvent } from './event-payloads';
import { BulkResultDto } from './events.dto';
import { CommandOptions, CommandReply, LifecycleCommandService } from './lifecycle-command.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** From HTTP input to commands: validates the event per type and the headers, then runs the pipeline. */
@Injectable()
export class LifecycleEventsService {
  constructor(private readonly commands: LifecycleCommandService) {}

  send(caller: Caller, deviceId: string, body: unknown, options: CommandOptions): Promise<CommandReply> {
    if (options.idempotencyKey !== undefined && !UUID.test(options.idempotencyKey)) {
      throw invalidInput([{ path: 'Idempotency-Key', messages: ['Idempotency-Key must be a UUID'] }]);
    }
    return this.commands.apply(caller, deviceId, parseLifecycleEvent(body), options);
  }

  async sendMany(caller: Caller, deviceIds: string[], body: unknown, requestId: string): Promise<BulkResultDto> {
    const event = parseLifecycleEvent(body, 'event');
    const result: BulkResultDto = { applied: 0, refused: 0, outcomes: [] };
    for (const deviceId of deviceIds) {
      try {
        const reply = await this.commands.apply(caller, deviceId, event, { requestId });
        result.outcomes.push({ deviceId, status: 200, result: reply.body });
        result.applied++;
      } catch (error) {
        // Refusals and failures alike are one unit's outcome; the units before it stay applied.
        const { type, title, status, detail, ...extensions } = toProblem(error, `/devices/${deviceId}/events`);
        result.outcomes.push({ deviceId, status, problem: { type, title, status, detail, ...extensions } });
        result.refused++;
      }
    }
    return result;
  }
}
