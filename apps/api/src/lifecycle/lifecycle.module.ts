import { Module } from '@nestjs/common';
import { CommandRepository } from './command.repository';
import { LifecycleCommandService } from './lifecycle-command.service';
import { LifecycleEventsService } from './lifecycle-events.service';
import { LifecycleController } from './lifecycle.controller';

@Module({
  controllers: [LifecycleController],
  providers: [CommandRepository, LifecycleCommandService, LifecycleEventsService],
  exports: [LifecycleCommandService, LifecycleEventsService],
})
export class LifecycleModule {}
