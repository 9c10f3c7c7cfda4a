import { Module } from '@nestjs/common';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammeService } from './programme.service';
import { ProgrammesController } from './programmes.controller';

@Module({ controllers: [ProgrammesController], providers: [ProgrammeRepository, ProgrammeService], exports: [ProgrammeService] })
export class ProgrammesModule {}
