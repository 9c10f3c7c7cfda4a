import { IsIn, IsOptional } from 'class-validator';

export class DestructionCertificateQuery {
  /** pdf or json; overrides the Accept header (so a plain link downloads the PDF). */
  @IsOptional()
  @IsIn(['json', 'pdf'])
  format?: 'json' | 'pdf';
}

/** One medium of a takeback's units, as the certificate of data destruction lists it. */
export class DestroyedMediumDto {
  /** @example "5b1c1f0e-5f0e-4a4c-9d51-4b0f0e9f1c11" */
  deviceId: string;
  /** @example "lenovo" */
  brand: string;
  /** @example "PF3ABC12" */
  deviceSerial: string;
  /** @example "ThinkPad T14 Gen 3" */
  model: string;
  /** @example "S4EVNX0M123456" */
  mediumSerial: string;
  /** hdd, ssd, nvme, emmc, other. @example "nvme" */
  mediaType: string;
  /** wiped (sanitized and validated), destroyed, or pending (no completed sanitization yet). @example "wiped" */
  status: 'wiped' | 'destroyed' | 'pending';
  /** The method used (e.g. "nvme-sanitize-crypto-erase", "shred"); null while pending. */
  method: string | null;
  /** clear, purge or destroy (NIST SP 800-88); null while pending. @example "purge" */
  level: string | null;
  /** The recorded result ("pass", or "destroyed"); null while pending. @example "pass" */
  result: string | null;
  /** When the medium's sanitization was completed (validated, or destroyed); null while pending. */
  completedAt: string | null;
  /** Who validated the wipe (a different person), or who witnessed the destruction; null while pending. @example "Ana Costa, QA lead" */
  validator: string | null;
  /** The per-medium certificate this line is built from; null while pending. */
  certificateId: string | null;
  /** Public verification of that certificate (the QR code on the PDF); null while pending. */
  verifyUrl: string | null;
  /** Whether the unit's audit chain verified as the document was served (false for a pending medium without a certificate). */
  matchesAuditChain: boolean;
}

export class DestructionSummaryDto {
  /** Units of the takeback. @example 3 */
  units: number;
  /** Media of those units. @example 4 */
  media: number;
  /** @example 2 */
  wiped: number;
  /** @example 1 */
  destroyed: number;
  /** @example 1 */
  pending: number;
  /** Every medium is wiped or destroyed, and every certificate matches its unit's audit chain. */
  complete: boolean;
}

/** The certificate of data destruction an ITAD customer receives for a returned fleet: every medium of the takeback. */
export class DestructionCertificateDto {
  takebackId: string;
  customerOrganisationId: string;
  custodianOrganisationId: string;
  /** @example "Leipzig" */
  site: string;
  /** When this document was produced (it is built from the audit trail at that moment). */
  issuedAt: string;
  summary: DestructionSummaryDto;
  media: DestroyedMediumDto[];
}
