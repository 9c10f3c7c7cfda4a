import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DeviceEntity } from '../devices/device.entity';
import { OrganisationEntity } from '../identity/organisation.entity';

/** A batch of units handed back by a customer, announced by a manifest. */
@Entity({ name: 'takebacks' })
@Index('takebacks_created_order_idx', ['createdAt', 'id'])
@Index('takebacks_customer_created_idx', ['customerOrganisationId', 'createdAt', 'id'])
@Index('takebacks_custodian_created_idx', ['custodianOrganisationId', 'createdAt', 'id'])
export class TakebackEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('takebacks_customer_idx')
  @Column({ name: 'customer_organisation_id', type: 'uuid' })
  customerOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_organisation_id' })
  customer?: OrganisationEntity;

  @Index('takebacks_custodian_idx')
  @Column({ name: 'custodian_organisation_id', type: 'uuid' })
  custodianOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_organisation_id' })
  custodian?: OrganisationEntity;

  @Column({ type: 'varchar', length: 200 })
  site: string;

  @Index('takebacks_market_idx')
  @Column({ type: 'varchar', length: 8, nullable: true })
  market: string | null;

  /** The programme the units are processed under (the version in force at intake): they keep it. */
  @Column({ name: 'programme_id', type: 'uuid', nullable: true })
  programmeId: string | null;

  @Column({ name: 'programme_version', type: 'integer', nullable: true })
  programmeVersion: number | null;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @Column({ name: 'expected_count', type: 'integer' })
  expectedCount: number;

  /** Items received so far, kept by statement triggers on takeback_items (TakebackReceivedCounts migration). */
  @Column({ name: 'received_count', type: 'integer', default: 0 })
  receivedCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A unit of a takeback: announced on the manifest, received, or both. */
@Entity({ name: 'takeback_items' })
@Index('takeback_items_open_idx', { synchronize: false })
export class TakebackItemEntity {
  @PrimaryColumn({ name: 'takeback_id', type: 'uuid' })
  takebackId: string;

  @ManyToOne(() => TakebackEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'takeback_id' })
  takeback?: TakebackEntity;

  @Index('takeback_items_device_idx')
  @PrimaryColumn({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @ManyToOne(() => DeviceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'device_id' })
  device?: DeviceEntity;

  @Column({ name: 'on_manifest', type: 'boolean' })
  onManifest: boolean;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt: Date | null;
}
