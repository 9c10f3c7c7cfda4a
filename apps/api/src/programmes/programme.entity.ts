import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../identity/organisation.entity';
import type { ProgrammeTerms } from '@recert/evidence';

/** An OEM's certified-refurbished programme. Its rules live in versions; the latest is in force. */
@Entity({ name: 'programmes' })
@Unique('programmes_oem_code_key', ['oemOrganisationId', 'code'])
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'oem_organisation_id', type: 'uuid' })
  oemOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'oem_organisation_id' })
  oem?: OrganisationEntity;

  /** e.g. lenovo-certified-refurbished */
  @Column({ type: 'varchar', length: 100 })
  code: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Every edit of a programme is a new version; units keep the version they were certified under. Never updated. */
@Entity({ name: 'programme_versions' })
export class ProgrammeVersionEntity {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  terms: ProgrammeTerms;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
