import { Injectable } from '@nestjs/common';
import type { HarvestedPart, MediumFacts } from '@recert/evidence';
import type { Transaction } from '../database/transaction';
import { DeviceRecordsRepository } from './device-records.repository';

/** What the command path may read and add of units' physical records, inside its transaction. */
@Injectable()
export class DeviceRecords {
  constructor(private readonly records: DeviceRecordsRepository) {}

  physical(tx: Transaction, deviceId: string): Promise<{ hostSerial: string; media: MediumFacts[] }> {
    return this.records.physical(tx, deviceId);
  }

  mediaSerials(tx: Transaction, deviceId: string): Promise<string[]> {
    return this.records.mediaSerials(tx, deviceId);
  }

  takenSerials(tx: Transaction, brand: string, serials: string[]): Promise<string[]> {
    return this.records.takenSerials(tx, brand, serials);
  }

  insertPart(tx: Transaction, donor: { deviceId: string; brand: string }, part: HarvestedPart): Promise<string> {
    return this.records.insertPart(tx, donor, part);
  }
}
