import { Injectable } from '@nestjs/common';
import type { LifecycleEvent } from '@recert/lifecycle';
import type { Caller } from '../auth/caller';
import { toProblem } from '../common/problem.filter';
import type { CommandOptions } from './command-context';
import { BulkResultDto } from './events.dto';
import { CommandReply, LifecycleCommandService } from './lifecycle-command.service';

/** Typed events from the HTTP edge to the pipeline: one unit, or one event for many units. */
@Injectable()
export class LifecycleEventsService {
  constructor(private readonly commands: LifecycleCommandService) {}

  send(caller: Caller, deviceId: string, event: LifecycleEvent, options: CommandOptions): Promise<CommandReply> {
    return this.commands.apply(caller, deviceId, event, options);
  }

  /** Each unit in its own transaction: refusals and failures alike are one unit's outcome; the units before it stay applied. */
  async sendMany(caller: Caller, deviceIds: string[], event: LifecycleEvent, requestId: string): Promise<BulkResultDto> {
    const result: BulkResultDto = { applied: 0, refused: 0, outcomes: [] };
    for (const deviceId of deviceIds) {
      try {
        const reply = await this.commands.apply(caller, deviceId, event, { requestId });
        result.outcomes.push({ deviceId, status: 200, result: reply.body });
        result.applied++;
      } catch (error) {
        const { type, title, status, detail, ...extensions } = toProblem(error, `/devices/${deviceId}/events`);
        result.outcomes.push({ deviceId, status, problem: { type, title, status, detail, ...extensions } });
        result.refused++;
      }
    }
    return result;
  }
}
