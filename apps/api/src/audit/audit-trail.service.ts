import { Injectable } from '@nestjs/common';
import type { HashedAuditRecord, TrailEntry } from '@recert/audit';
import type { Transaction } from '../database/transaction';
import { AuditRepository } from './audit.repository';

/** What other features may do with the trail inside their transaction: append entries, read a lifecycle's evidence. */
@Injectable()
export class AuditTrailService {
  constructor(private readonly audit: AuditRepository) {}

  append(tx: Transaction, records: HashedAuditRecord[]): Promise<void> {
    return this.audit.append(tx, records);
  }

  /** This lifecycle's entries of these types (all when none are named), oldest first. */
  entries(tx: Transaction, lifecycleId: string, types: string[] | null = null): Promise<TrailEntry[]> {
    return this.audit.trail(tx, lifecycleId, types);
  }

  /** This lifecycle's latest entry. */
  last(tx: Transaction, lifecycleId: string): Promise<TrailEntry | undefined> {
    return this.audit.last(tx, lifecycleId);
  }
}
