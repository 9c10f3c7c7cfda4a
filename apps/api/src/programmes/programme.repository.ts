import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { groupBy } from '../common/group-by';
import { ProgrammeEntity, ProgrammeVersionEntity } from './programme.entity';

@Injectable()
export class ProgrammeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async ownedBrands(organisationId: string): Promise<string[]> {
    const rows: Array<{ brand: string }> = await this.dataSource.query(`SELECT brand FROM organisation_brands WHERE organisation_id = $1`, [organisationId]);
    return rows.map((r) => r.brand);
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
  async versionsOf(programmeIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, ProgrammeVersionEntity[]>> {
    const rows = programmeIds.length === 0 ? [] : await manager.getRepository(ProgrammeVersionEntity).find({ where: { programmeId: In(programmeIds) }, order: { programmeId: 'ASC', version: 'ASC' } });
    return groupBy(rows, (v) => v.programmeId);
  }

  list(oemOrganisationId: string | undefined, after: string | undefined, limit: number): Promise<ProgrammeEntity[]> {
    const query = this.dataSource.getRepository(ProgrammeEntity).createQueryBuilder('p').orderBy('p.id', 'ASC').limit(limit);
    if (oemOrganisationId) query.andWhere('p.oem_organisation_id = :oem', { oem: oemOrganisationId });
    if (after) query.andWhere('p.id > :after', { after });
    return query.getMany();
  }
}
