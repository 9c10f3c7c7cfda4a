import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/transaction';
import { CertificateRepository, ClosingEntry } from './certificate.repository';

/** Issues a medium's sanitization certificate in the transaction of the entry that completes it. */
@Injectable()
export class CertificateIssuer {
  constructor(private readonly certificates: CertificateRepository) {}

  issue(tx: Transaction, closing: ClosingEntry): Promise<string> {
    return this.certificates.issue(tx, closing);
  }
}
