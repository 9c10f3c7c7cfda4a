import { Module } from '@nestjs/common';
import { CarbonModule } from '../carbon/carbon.module';
import { IdentityModule } from '../identity/identity.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { CustodyController } from './custody.controller';
import { CustodyRepository } from './custody.repository';
import { CustodyService } from './custody.service';

@Module({
  imports: [LifecycleModule, IdentityModule, CarbonModule],
  controllers: [CustodyController],
  providers: [CustodyService, CustodyRepository],
})
export class CustodyModule {}
