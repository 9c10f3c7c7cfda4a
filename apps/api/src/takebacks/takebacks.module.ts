import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { TakebackRepository } from './takeback.repository';
import { TakebackService } from './takeback.service';
import { TakebacksController } from './takebacks.controller';

@Module({
  imports: [LifecycleModule],
  controllers: [TakebacksController],
  providers: [TakebackRepository, TakebackService],
})
export class TakebacksModule {}
