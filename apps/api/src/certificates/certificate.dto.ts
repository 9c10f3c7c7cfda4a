import { ApiProperty } from '@nestjs/swagger';
/** One medium's certificate of sanitization: the NIST SP 800-88 (Rev. 1, Appendix G) fields, from the unit's trail. */
export class CertificatePersonDto {
  name: string;
  title: string;
  organisation?: string;
  location?: string;
  contact?: string;
}

export class CertificateToolDto {
  name: string;
  version: string;
}

export class CertificateMediumDto {
  serial: string;
  make: string | null;
  model: string | null;
  propertyNumber: string | null;
  /** hdd, ssd, nvme, emmc, other */
  type: string;
  /** magnetic, flash, other */
  mediaClass: string;
  interface: string;
  capacityGb: number | null;
  /** The host device the medium came from. */
  sourceSerial: string;
}

export class FailedAttemptDto {
  method: string;
  at: string;
  auditSeq: number;
}

export class SanitizationRecordDto {
  /** clear, purge or destroy: what the method reaches on this medium under the policy. */
  methodType: string;
  method: string;
  methodDetails: string | null;
  @ApiProperty({ type: () => CertificateToolDto, nullable: true })
  tool: CertificateToolDto | null;
  verification: string | null;
  result: string;
  policy: string;
  completedAt: string;
  auditSeq: number;
  failedAttempts: FailedAttemptDto[];
}

export class DestructionRecordDto {
  method: string;
  witness: string;
  evidenceReference: string;
  at: string;
  auditSeq: number;
}

export class ValidationRecordDto {
  by: CertificatePersonDto;
  method: string;
  @ApiProperty({ type: () => CertificateToolDto, nullable: true })
  tool: CertificateToolDto | null;
  result: string;
  at: string;
  auditSeq: number;
}

export class SanitizationCertificateDto {
  certificateId: string;
  deviceId: string;
  lifecycleId: string;
  /** Public: says whether the certificate exists, matches the audit chain, and its result. */
  verifyUrl: string;
  /** sanitized (wiped and validated) or destroyed */
  outcome: 'sanitized' | 'destroyed';
  medium: CertificateMediumDto;
  @ApiProperty({ type: () => CertificatePersonDto, nullable: true })
  performedBy: CertificatePersonDto | null;
  classification: string | null;
  dataBackedUp: string | null;
  @ApiProperty({ type: () => SanitizationRecordDto, nullable: true })
  sanitization: SanitizationRecordDto | null;
  @ApiProperty({ type: () => DestructionRecordDto, nullable: true })
  destruction: DestructionRecordDto | null;
  @ApiProperty({ type: () => ValidationRecordDto, nullable: true })
  validation: ValidationRecordDto | null;
  postClassification: string | null;
  destination: string | null;
  /** The audit entry closing the certificate and its hash: the record's signature under the unit's hash chain. */
  signature: { auditSeq: number; auditHash: string; issuedAt: string };
  /**
   * Checked when the document is served: the entry it names is in the unit's trail with the same hash and the
   * whole chain (hashes, links, replay through the machine) verifies. false = the trail was altered; do not rely on it.
   */
  matchesAuditChain: boolean;
  /** When that check ran (the moment the document was served). */
  auditChainCheckedAt: string;
  /** Why the chain does not verify, when it does not (the seq and the reason); null when it matches. */
  auditChainProblem: string | null;
}

export class CertificateVerificationDto {
  certificateId: string;
  exists: boolean;
  /** The entry the certificate names is in the unit's trail with the same hash, and the whole chain verifies. */
  matchesAuditChain: boolean;
  @ApiProperty({ enum: ['sanitized', 'destroyed'], nullable: true, description: 'null when the certificate does not exist.' })
  outcome: 'sanitized' | 'destroyed' | null;
  methodType: string | null;
  method: string | null;
  mediaType: string | null;
  completedAt: string | null;
}
