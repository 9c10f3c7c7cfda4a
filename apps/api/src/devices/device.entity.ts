import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const DEVICE_CLASSES = ['notebook', 'desktop', 'workstation', 'tablet', 'server', 'monitor', 'part'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** A physical unit: brand + serial. Its passes through the machine are its lifecycles. */
@Entity({ name: 'devices' })
@Unique('devices_brand_serial_key', ['brand', 'serial'])
@Index('devices_created_order_idx', ['createdAt', 'id'])
@Index('devices_brand_created_idx', ['brand', 'createdAt', 'id'])
@Index('devices_class_created_idx', ['deviceClass', 'createdAt', 'id'])
@Index('devices_serial_trgm_idx', { synchronize: false })
@Index('devices_asset_tag_trgm_idx', { synchronize: false })
@Check('devices_class_check', `device_class IN ('notebook', 'desktop', 'workstation', 'tablet', 'server', 'monitor', 'part')`)
export class DeviceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower case, so "HP" and "hp" are one brand. Queries by brand use the (brand, serial) unique index. */
  @Column({ type: 'varchar', length: 64 })
  brand: string;

  @Index('devices_serial_idx')
  @Column({ type: 'varchar', length: 128 })
  serial: string;

  @Column({ type: 'varchar', length: 128 })
  model: string;

  @Column({ name: 'device_class', type: 'varchar', length: 16 })
  deviceClass: DeviceClass;

  @Column({ name: 'asset_tag', type: 'varchar', length: 64, nullable: true })
  assetTag: string | null;

  /** The lifecycle the unit is in now (or ended in last). */
  @Index('devices_current_lifecycle_idx')
  @Column({ name: 'current_lifecycle_id', type: 'uuid', nullable: true })
  currentLifecycleId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** A harvested part's donor: the unit it was taken from. */
  @Index('devices_donor_idx')
  @Column({ name: 'donor_device_id', type: 'uuid', nullable: true })
  donorDeviceId: string | null;
}
