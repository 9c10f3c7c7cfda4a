import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from '../identity/organisation.entity';

/** A licence issued by an OEM to a partner for a programme. Its terms live in versions; the latest is in force. */
@Entity({ name: 'licences' })
export class LicenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('licences_oem_idx')
  @Column({ name: 'oem_organisation_id', type: 'uuid' })
  oemOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'oem_organisation_id' })
  oem?: OrganisationEntity;

  @Index('licences_partner_idx')
  @Column({ name: 'partner_organisation_id', type: 'uuid' })
  partnerOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_organisation_id' })
  partner?: OrganisationEntity;

  @Column({ type: 'varchar', length: 100 })
  programme: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Every change to a licence is a new version: who made it and when is its audit. Never updated. */
@Entity({ name: 'licence_versions' })
@Check('licence_versions_status_check', `status IN ('draft', 'active', 'suspended', 'terminated')`)
export class LicenceVersionEntity {
  @PrimaryColumn({ name: 'licence_id', type: 'uuid' })
  licenceId: string;

  @ManyToOne(() => LicenceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'licence_id' })
  licence?: LicenceEntity;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true })
  statusReason: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  @Column({ name: 'valid_to', type: 'timestamptz' })
  validTo: Date;

  /** Scope, capabilities, requirements, quotas and what survives termination. */
  @Column({ type: 'jsonb' })
  terms: Record<string, unknown>;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Counted inside the CERTIFY transaction, under a row lock, so concurrent commands cannot overshoot a quota. */
@Entity({ name: 'licence_quota_usage' })
export class LicenceQuotaUsageEntity {
  @PrimaryColumn({ name: 'licence_id', type: 'uuid' })
  licenceId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  capability: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  brand: string;

  /** YYYY-MM, UTC. */
  @PrimaryColumn({ type: 'char', length: 7 })
  period: string;

  @Column({ type: 'integer' })
  used: number;
}

/**
 * Partner commands per licence, capability and UTC hour: counted by a trigger on audit_events in the inserting
 * command's own transaction, so the usage report sums a few hundred rows instead of scanning the trail.
 */
@Entity({ name: 'licence_usage_hourly' })
export class LicenceUsageHourlyEntity {
  @PrimaryColumn({ name: 'licence_id', type: 'uuid' })
  licenceId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  capability: string;

  /** The start of the UTC hour. */
  @PrimaryColumn({ type: 'timestamptz' })
  hour: Date;

  @Column({ type: 'integer' })
  handled: number;
}

/** Refused attempts (licence denials): kept apart from the units' trails, which record only what happened. */
@Entity({ name: 'security_events' })
@Index('security_events_licence_idx', ['licenceId', 'occurredAt'])
export class SecurityEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'key_id', type: 'uuid' })
  keyId: string;

  @Column({ name: 'device_id', type: 'uuid', nullable: true })
  deviceId: string | null;

  @Column({ name: 'event_type', type: 'varchar', length: 40, nullable: true })
  eventType: string | null;

  @Column({ name: 'licence_id', type: 'uuid', nullable: true })
  licenceId: string | null;

  @Column({ name: 'licence_version', type: 'integer', nullable: true })
  licenceVersion: number | null;

  @Column({ type: 'jsonb' })
  reasons: unknown;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}

/** The brands an OEM owns: its programme managers and auditors see every unit of them. */
@Entity({ name: 'organisation_brands' })
export class OrganisationBrandEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Index('organisation_brands_brand_idx')
  @PrimaryColumn({ type: 'varchar', length: 64 })
  brand: string;
}
