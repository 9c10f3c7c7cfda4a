import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * Index of the per-medium sanitization certificates. The certificate's content is the unit's audit trail
 * (the SANITIZE/VALIDATE/DESTROY entries); this row gives it a public id and names the entry that closed it.
 */
@Entity({ name: 'sanitization_certificates' })
@Index('sanitization_certificates_issued_order_idx', ['issuedAt', 'id'])
@Unique('sanitization_certificates_medium_key', ['lifecycleId', 'mediumSerial'])
export class SanitizationCertificateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('sanitization_certificates_device_idx')
  @Column({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @Column({ name: 'lifecycle_id', type: 'uuid' })
  lifecycleId: string;

  @Column({ name: 'medium_serial', type: 'varchar', length: 128 })
  mediumSerial: string;

  /** The audit entry (VALIDATE_SANITIZATION or DESTROY_MEDIA) that completed the medium's sanitization. */
  @Column({ name: 'audit_seq', type: 'integer' })
  auditSeq: number;

  @Column({ name: 'audit_hash', type: 'char', length: 64 })
  auditHash: string;

  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;
}
