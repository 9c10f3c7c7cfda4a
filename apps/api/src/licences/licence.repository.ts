import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Interval } from '@recert/licensing';
import { DataSource, EntityManager, In } from 'typeorm';
import { groupBy } from '../common/group-by';
import type { Transaction } from '../database/transaction';
import { LicenceEntity, LicenceVersionEntity } from './licence.entity';

@Injectable()
export class LicenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async organisationKind(id: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return row?.kind;
  }

  insertLicence(manager: EntityManager, licence: Partial<LicenceEntity>): Promise<LicenceEntity> {
    return manager.getRepository(LicenceEntity).save(manager.getRepository(LicenceEntity).create(licence));
  }

  insertVersion(manager: EntityManager, version: Partial<LicenceVersionEntity>): Promise<LicenceVersionEntity> {
    return manager.getRepository(LicenceVersionEntity).save(manager.getRepository(LicenceVersionEntity).create(version));
  }

  /** The licence, locked so versions are numbered one after the other. */
  lockLicence(manager: EntityManager, id: string): Promise<LicenceEntity | null> {
    return manager.getRepository(LicenceEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findLicence(id: string): Promise<LicenceEntity | null> {
    return this.dataSource.getRepository(LicenceEntity).findOneBy({ id });
  }

  versions(licenceId: string, manager: EntityManager = this.dataSource.manager): Promise<LicenceVersionEntity[]> {
    return manager.getRepository(LicenceVersionEntity).find({ where: { licenceId }, order: { version: 'ASC' } });
  }

  /** The versions of several licences at once, oldest first, by licence. */
  async versionsOf(licenceIds: string[]): Promise<Map<string, LicenceVersionEntity[]>> {
    const rows =
      licenceIds.length === 0
        ? []
        : await this.dataSource
            .getRepository(LicenceVersionEntity)
            .find({ where: { licenceId: In(licenceIds) }, order: { licenceId: 'ASC', version: 'ASC' } });
    return groupBy(rows, (v) => v.licenceId);
  }

  /** Licences an organisation issued or holds (all, for `null`). */
  listLicences(organisationId: string | null, after: string | undefined, limit: number): Promise<LicenceEntity[]> {
    const query = this.dataSource.getRepository(LicenceEntity).createQueryBuilder('l').orderBy('l.id', 'ASC').limit(limit);
    if (organisationId) query.andWhere('(l.oem_organisation_id = :org OR l.partner_organisation_id = :org)', { org: organisationId });
    if (after) query.andWhere('l.id > :after', { after });
    return query.getMany();
  }

  /**
   * Commands per capability: whole hours from the hourly counters, the partial hours at the ends (under an hour
   * each) from the trail's index of partner entries by licence and time — never a scan of the trail.
   */
  async handledByCapability(tx: Transaction, licenceId: string, wholeHours: Interval | null, edges: Interval[]): Promise<Counted[]> {
    const none = { from: new Date(0), to: new Date(0) };
    const [first = none, second = none] = edges;
    const whole = wholeHours ?? none;
    const { rows } = await tx.query<Counted>(
      `SELECT key, sum(n)::int AS count FROM (
         SELECT capability AS key, handled AS n FROM licence_usage_hourly WHERE licence_id = $1 AND hour >= $2 AND hour < $3
         UNION ALL
         SELECT licence_decision->>'capability', 1 FROM audit_events
          WHERE licence_decision IS NOT NULL AND licence_decision->>'licenceId' = $1::text
            AND ((occurred_at >= $4 AND occurred_at < $5) OR (occurred_at >= $6 AND occurred_at < $7))
       ) counted GROUP BY key ORDER BY key`,
      [licenceId, whole.from, whole.to, first.from, first.to, second.from, second.to],
    );
    return rows;
  }

  async certifiedUse(tx: Transaction, licenceId: string, fromPeriod: string, toPeriod: string): Promise<CertifiedUse[]> {
    const { rows } = await tx.query<CertifiedUse>(
      `SELECT brand, period, used FROM licence_quota_usage
        WHERE licence_id = $1 AND capability = 'CERTIFY' AND period >= $2 AND period <= $3 ORDER BY period, brand`,
      [licenceId, fromPeriod, toPeriod],
    );
    return rows;
  }

  async denialsByReason(tx: Transaction, licenceId: string, from: Date, to: Date): Promise<Counted[]> {
    const { rows } = await tx.query<Counted>(
      `SELECT r->>'code' AS key, count(*)::int AS count FROM security_events s, jsonb_array_elements(s.reasons) r
        WHERE s.licence_id = $1 AND s.occurred_at >= $2 AND s.occurred_at < $3 GROUP BY 1 ORDER BY 1`,
      [licenceId, from, to],
    );
    return rows;
  }
}

type Counted = { key: string; count: number };
type CertifiedUse = { brand: string; period: string; used: number };
