import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeviceEntity } from '../devices/device.entity';

/**
 * The last verified position of each unit's trail (see libs/audit checkpoint.ts): verification runs start after
 * it, and public verification costs only what was appended since. Written by verification, never by commands.
 */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpointEntity {
  @PrimaryColumn({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @ManyToOne(() => DeviceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'device_id' })
  device?: DeviceEntity;

  @Column({ name: 'lifecycle_id', type: 'uuid' })
  lifecycleId: string;

  @Column({ name: 'lifecycle_number', type: 'integer' })
  lifecycleNumber: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'integer' })
  entries: number;

  @Column({ type: 'jsonb' })
  snapshot: unknown;

  @Column({ name: 'verified_at', type: 'timestamptz' })
  verifiedAt: Date;

  /** SHA-256 of the checkpoint's canonical JSON (checkpointDigest): an edited row is not trusted. */
  @Column({ type: 'char', length: 64 })
  digest: string;
}
