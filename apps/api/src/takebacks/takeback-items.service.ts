import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/transaction';
import { TakebackRepository } from './takeback.repository';

/** The command path's part of takebacks: a receipt ticks the unit's item on its manifest; carbon asks whose units they are. */
@Injectable()
export class TakebackItems {
  constructor(private readonly takebacks: TakebackRepository) {}

  markReceived(tx: Transaction, item: { takebackId: string; deviceId: string; at: string }): Promise<void> {
    return this.takebacks.markReceived(tx, item);
  }

  /** The customer organisation that handed the takeback back (carbon figures are reported to it). */
  async customerOf(tx: Transaction, takebackId: string): Promise<string | undefined> {
    return (await this.parties(tx, takebackId))?.customerOrganisationId;
  }

  /** Who handed the takeback back and who holds it (the two parties that may read its reports). */
  async parties(
    tx: Transaction,
    takebackId: string,
  ): Promise<{ customerOrganisationId: string; custodianOrganisationId: string } | undefined> {
    const row = await this.takebacks.findTakeback(tx, takebackId);
    return row && { customerOrganisationId: row.customer_organisation_id, custodianOrganisationId: row.custodian_organisation_id };
  }
}
