import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The append-only audit trail (a trigger refuses UPDATE and DELETE). No foreign keys to users: the actor
 * is recorded as it was, and the trail outlives any account.
 */
@Entity({ name: 'audit_events' })
@Unique('audit_events_lifecycle_seq_key', ['lifecycleId', 'seq'])
@Index('audit_events_device_idx', ['deviceId', 'id'])
// A partial expression index (migration AuditCheckpoints) TypeORM cannot describe: it leaves it alone.
@Index('audit_events_medium_idx', { synchronize: false })
// Partner entries by licence and time (an expression index the migration builds): the usage report's partial hours.
@Index('audit_events_licence_time_idx', { synchronize: false })
@Index('audit_events_sales_idx', { synchronize: false })
@Index('audit_events_sale_lifecycle_idx', { synchronize: false })
// An expression index (recorder's organisation, type, time) made by the PartnerIncentives migration: incentive statements read it.
@Index('audit_events_organisation_type_time_idx', { synchronize: false })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId: string;

  @Column({ name: 'lifecycle_id', type: 'uuid' })
  lifecycleId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ name: 'event_type', type: 'varchar', length: 40 })
  eventType: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'from_state', type: 'varchar', length: 64, nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'varchar', length: 64 })
  toState: string;

  @Column({ type: 'jsonb', nullable: true })
  actor: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ name: 'machine_version', type: 'varchar', length: 32 })
  machineVersion: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** For a partner's command: the licence decision it was allowed under (licence, version, capability). */
  @Column({ name: 'licence_decision', type: 'jsonb', nullable: true })
  licenceDecision: Record<string, unknown> | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
