import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { CustodyController } from './custody.controller';
import { CustodyService } from './custody.service';

@Module({ imports: [LifecycleModule], controllers: [CustodyController], providers: [CustodyService] })
export class CustodyModule {}
