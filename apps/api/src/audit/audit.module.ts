import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { AuditTrailService } from './audit-trail.service';

@Module({ providers: [AuditRepository, AuditTrailService], exports: [AuditTrailService] })
export class AuditModule {}
