import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DeviceEntity } from '../devices/device.entity';
import { OrganisationEntity } from '../identity/organisation.entity';

/** One pass of a unit through the machine: its XState snapshot, and the head of its audit chain. */
@Entity({ name: 'lifecycles' })
@Unique('lifecycles_device_number_key', ['deviceId', 'number'])
@Index('lifecycles_grade_idx', { synchronize: false })
@Index('lifecycles_custodian_list_idx', ['custodianOrganisationId', 'deviceCreatedAt', 'deviceId'])
export class LifecycleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @ManyToOne(() => DeviceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'device_id' })
  device?: DeviceEntity;

  /** 1 for the unit's first pass, 2 after its first RMA or lease return, … */
  @Column({ type: 'integer' })
  number: number;

  @Index('lifecycles_takeback_idx')
  @Column({ name: 'takeback_id', type: 'uuid', nullable: true })
  takebackId: string | null;

  @Index('lifecycles_state_idx')
  @Column({ type: 'varchar', length: 64 })
  state: string;

  @Column({ type: 'jsonb' })
  snapshot: unknown;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'machine_version', type: 'varchar', length: 32 })
  machineVersion: string;

  @Column({ name: 'custodian_organisation_id', type: 'uuid' })
  custodianOrganisationId: string;

  /** The unit's created time, set on insert by a trigger (HeldUnitsListOrder): a custodian's units in list order. */
  @Column({ name: 'device_created_at', type: 'timestamptz' })
  deviceCreatedAt: Date;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_organisation_id' })
  custodian?: OrganisationEntity;

  @Index('lifecycles_site_idx')
  @Column({ type: 'varchar', length: 200 })
  site: string;

  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq: number;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** The last change (an event, a custody move): the lists' `updatedFrom`/`updatedTo` filter. */
  @Index('lifecycles_updated_idx')
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** The programme (and version) the unit was certified under; its evidence names the same. */
  @Index('lifecycles_programme_idx')
  @Column({ name: 'programme_id', type: 'uuid', nullable: true })
  programmeId: string | null;

  @Column({ name: 'programme_version', type: 'integer', nullable: true })
  programmeVersion: number | null;
}
