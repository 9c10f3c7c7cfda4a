import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The stored answer to a command sent with an Idempotency-Key, per organisation (IETF draft). */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyRecordEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid' })
  key: string;

  /** SHA-256 of the request (method, path, body): the same key with another request is refused. */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({ name: 'response_status', type: 'integer' })
  responseStatus: number;

  /** Kept as the exact JSON text sent the first time, so a replay is byte for byte the same. */
  @Column({ name: 'response_body', type: 'text' })
  responseBody: string;

  @Column({ name: 'response_etag', type: 'varchar', length: 100, nullable: true })
  responseEtag: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
