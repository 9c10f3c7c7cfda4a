import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { ProgrammeVersion } from '@recert/evidence';
import { groupBy } from '../common/group-by';
import type { Transaction } from '../database/transaction';
import type { ProgrammeCoverage } from './programme-coverage';
import { ProgrammeEntity, ProgrammeVersionEntity } from './programme.entity';

@Injectable()
export class ProgrammeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async ownedBrands(organisationId: string): Promise<string[]> {
    const rows: Array<{ brand: string }> = await this.dataSource.query(`SELECT brand FROM organisation_brands WHERE organisation_id = $1`, [
      organisationId,
    ]);
    return rows.map((r) => r.brand);
  }

  /** The ids and codes of an OEM's programmes. */
  async programmesOf(oemOrganisationId: string): Promise<Array<{ id: string; code: string }>> {
    return this.dataSource
      .getRepository(ProgrammeEntity)
      .find({ select: { id: true, code: true }, where: { oemOrganisationId }, order: { code: 'ASC' } });
  }

  async codeTaken(manager: EntityManager, oemOrganisationId: string, code: string): Promise<boolean> {
    return manager.getRepository(ProgrammeEntity).existsBy({ oemOrganisationId, code });
  }

  insertProgramme(manager: EntityManager, programme: Partial<ProgrammeEntity>): Promise<ProgrammeEntity> {
    const repository = manager.getRepository(ProgrammeEntity);
    return repository.save(repository.create(programme));
  }

  insertVersion(manager: EntityManager, version: Partial<ProgrammeVersionEntity>): Promise<ProgrammeVersionEntity> {
    const repository = manager.getRepository(ProgrammeVersionEntity);
    return repository.save(repository.create(version));
  }

  /** The programme, locked so its versions are numbered one after the other. */
  lockProgramme(manager: EntityManager, id: string): Promise<ProgrammeEntity | null> {
    return manager.getRepository(ProgrammeEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findProgramme(id: string): Promise<ProgrammeEntity | null> {
    return this.dataSource.getRepository(ProgrammeEntity).findOneBy({ id });
  }

  /** Versions of several programmes, oldest first, by programme. */
  async versionsOf(
    programmeIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ProgrammeVersionEntity[]>> {
    const rows =
      programmeIds.length === 0
        ? []
        : await manager
            .getRepository(ProgrammeVersionEntity)
            .find({ where: { programmeId: In(programmeIds) }, order: { programmeId: 'ASC', version: 'ASC' } });
    return groupBy(rows, (v) => v.programmeId);
  }

  list(oemOrganisationId: string | undefined, after: string | undefined, limit: number): Promise<ProgrammeEntity[]> {
    const query = this.dataSource.getRepository(ProgrammeEntity).createQueryBuilder('p').orderBy('p.id', 'ASC').limit(limit);
    if (oemOrganisationId) query.andWhere('p.oem_organisation_id = :oem', { oem: oemOrganisationId });
    if (after) query.andWhere('p.id > :after', { after });
    return query.getMany();
  }

  /** A programme at a version (its latest when none is given), and whether its OEM owns this brand. */
  async versionFor(tx: Transaction, ref: { id: string; version: number | null; brand: string }): Promise<ProgrammeVersion | undefined> {
    const { rows } = await tx.query<Record<string, never>>({
      name: 'recert_evidence_programme',
      text: `SELECT p.id, p.code, p.oem_organisation_id, v.version, v.terms,
                    EXISTS (SELECT 1 FROM organisation_brands b WHERE b.organisation_id = p.oem_organisation_id AND b.brand = $3) AS owns_brand
               FROM programmes p JOIN programme_versions v ON v.programme_id = p.id
              WHERE p.id = $1 AND ($2::int IS NULL OR v.version = $2)
              ORDER BY v.version DESC LIMIT 1`,
      values: [ref.id, ref.version, ref.brand],
    });
    const r = rows[0];
    return (
      r && { id: r.id, code: r.code, oemOrganisationId: r.oem_organisation_id, version: r.version, terms: r.terms, ownsBrand: r.owns_brand }
    );
  }

  /** The programme at a version (its latest when none is given), with the brands its OEM owns among those it names. */
  async coverage(tx: Transaction, id: string, version: number | null): Promise<ProgrammeCoverage | undefined> {
    const { rows } = await tx.query<{ id: string; version: number; brands: string[]; device_classes: string[] }>(
      `SELECT v.programme_id AS id, v.version, v.terms->'deviceClasses' AS device_classes,
              ARRAY(SELECT jsonb_array_elements_text(v.terms->'brands') INTERSECT SELECT brand FROM organisation_brands WHERE organisation_id = p.oem_organisation_id) AS brands
         FROM programme_versions v JOIN programmes p ON p.id = v.programme_id
        WHERE v.programme_id = $1 AND ($2::int IS NULL OR v.version = $2) ORDER BY v.version DESC LIMIT 1`,
      [id, version],
    );
    const r = rows[0];
    return r && { id: r.id, version: r.version, brands: r.brands, deviceClasses: r.device_classes };
  }
}
