import { Module } from '@nestjs/common';
import { OffsetRepository } from './offset.repository';
import { OffsetsController } from './offsets.controller';
import { OffsetsService } from './offsets.service';

/** The offsets ledger: its own routes; reports read its totals through OffsetsService. */
@Module({ controllers: [OffsetsController], providers: [OffsetRepository, OffsetsService], exports: [OffsetsService] })
export class OffsetsModule {}
