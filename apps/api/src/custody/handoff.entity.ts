import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A two-party custody hand-off: requested by the unit's custodian, confirmed by the receiver. */
@Entity({ name: 'custody_handoffs' })
@Index('custody_handoffs_status_order_idx', ['status', 'requestedAt', 'id'])
@Check('custody_handoffs_status_check', `status IN ('requested', 'confirmed')`)
export class HandoffEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('custody_handoffs_device_idx')
  @Column({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @Column({ name: 'lifecycle_id', type: 'uuid' })
  lifecycleId: string;

  @Index('custody_handoffs_from_idx')
  @Column({ name: 'from_organisation_id', type: 'uuid' })
  fromOrganisationId: string;

  @Index('custody_handoffs_to_idx')
  @Column({ name: 'to_organisation_id', type: 'uuid' })
  toOrganisationId: string;

  @Column({ name: 'to_site', type: 'varchar', length: 200 })
  toSite: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'requested' | 'confirmed';

  @Column({ name: 'requested_by_user_id', type: 'uuid' })
  requestedByUserId: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'confirmed_by_user_id', type: 'uuid', nullable: true })
  confirmedByUserId: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The transport leg as requested (mode, distanceKm, weightKg?); its logistics figure is recorded on confirmation. */
  @Column({ name: 'transport_leg', type: 'jsonb', nullable: true })
  transportLeg: { mode: string; distanceKm: number; weightKg?: number } | null;
}
