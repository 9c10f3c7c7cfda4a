import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DeviceEntity } from './device.entity';

export const MEDIA_TYPES = ['hdd', 'ssd', 'nvme', 'emmc', 'other'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

@Entity({ name: 'storage_media' })
@Unique('storage_media_device_serial_key', ['deviceId', 'serial'])
@Index('storage_media_serial_trgm_idx', { synchronize: false })
@Check('storage_media_type_check', `media_type IN ('hdd', 'ssd', 'nvme', 'emmc', 'other')`)
export class StorageMediumEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('storage_media_device_idx')
  @Column({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @ManyToOne(() => DeviceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'device_id' })
  device?: DeviceEntity;

  @Column({ type: 'varchar', length: 128 })
  serial: string;

  @Column({ name: 'media_type', type: 'varchar', length: 8 })
  mediaType: MediaType;

  @Column({ type: 'varchar', length: 16 })
  interface: string;

  @Column({ name: 'capacity_gb', type: 'integer', nullable: true })
  capacityGb: number | null;
}
