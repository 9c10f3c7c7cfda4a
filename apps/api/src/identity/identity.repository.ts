import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Caller } from '../auth/caller';
import { onClient } from '../database/pg-transaction';
import type { Transaction } from '../database/transaction';
import { ApiKeyEntity } from './api-key.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/** Persistence of organisations, users and API keys. No rules here: the identity service owns them. */
@Injectable()
export class IdentityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The caller behind a live (not revoked) key, in one query. */
  async findCallerByKeyHash(keyHash: string): Promise<(Caller & { lastUsedAt: Date | null }) | undefined> {
    // Every authenticated request runs this: a prepared statement straight on the pool.
    const { rows } = await onClient(this.dataSource, (client) =>
      client.query<{
        key_id: string;
        user_id: string;
        organisation_id: string;
        kind: Caller['organisationKind'];
        role: Caller['role'];
        last_used_at: Date | null;
      }>({
        name: 'recert_caller_by_key_hash',
        text: `SELECT k.id AS key_id, u.id AS user_id, o.id AS organisation_id, o.kind, u.role, k.last_used_at
                 FROM api_keys k JOIN users u ON u.id = k.user_id JOIN organisations o ON o.id = u.organisation_id
                WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
        values: [keyHash],
      }),
    );
    const row = rows[0];
    return (
      row && {
        keyId: row.key_id,
        userId: row.user_id,
        organisationId: row.organisation_id,
        organisationKind: row.kind,
        role: row.role,
        lastUsedAt: row.last_used_at,
      }
    );
  }

  /** An organisation's kind, read inside the caller's transaction (never a second connection while it holds one). */
  async organisationKind(tx: Transaction, id: string): Promise<string | undefined> {
    const { rows } = await tx.query<{ kind: string }>(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return rows[0]?.kind;
  }

  /**
   * A user of the platform operator that acts without an API key (the warranty scheduler): created once, found
   * afterwards, under an advisory lock so that instances starting together make one.
   */
  async ensureServiceUser(email: string, name: string): Promise<{ userId: string; organisationId: string }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('recert:service-user:' || $1))`, [email]);
      let [platform] = await manager.query(`SELECT id FROM organisations WHERE kind = 'platform' ORDER BY created_at LIMIT 1`);
      platform ??= (await manager.query(`INSERT INTO organisations (name, kind) VALUES ('Platform operator', 'platform') RETURNING id`))[0];
      let [user] = await manager.query(`SELECT id FROM users WHERE email = $1`, [email]);
      user ??= (
        await manager.query(`INSERT INTO users (organisation_id, email, name, role) VALUES ($1, $2, $3, 'admin') RETURNING id`, [
          platform.id,
          email,
          name,
        ])
      )[0];
      return { userId: user.id, organisationId: platform.id };
    });
  }

  /** Held until the transaction ends: instances starting together ensure the admin key one at a time. */
  async lockAdminKeyBootstrap(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('recert:admin-key-bootstrap'))`);
  }

  async touchKey(keyId: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(ApiKeyEntity).update({ id: keyId }, { lastUsedAt: at });
  }

  findPlatformOrganisation(manager: EntityManager = this.dataSource.manager): Promise<OrganisationEntity | null> {
    return manager.getRepository(OrganisationEntity).findOne({ where: { kind: 'platform' }, order: { createdAt: 'ASC' } });
  }

  saveOrganisation(
    organisation: Partial<OrganisationEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationEntity> {
    return manager.getRepository(OrganisationEntity).save(manager.getRepository(OrganisationEntity).create(organisation));
  }

  async setBrands(organisationId: string, brands: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (brands.length === 0) return;
    await manager.query(`INSERT INTO organisation_brands (organisation_id, brand) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [
      organisationId,
      brands,
    ]);
  }

  /** Records that the centre works for the customer (idempotent). */
  async addCustomer(centreId: string, customerId: string, createdByUserId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO customer_relationships (centre_organisation_id, customer_organisation_id, created_by_user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [centreId, customerId, createdByUserId],
    );
  }

  async brandsOf(organisationId: string): Promise<string[]> {
    return (await this.brandsOfMany([organisationId])).get(organisationId) ?? [];
  }

  async brandsOfMany(organisationIds: string[]): Promise<Map<string, string[]>> {
    const rows: Array<{ organisation_id: string; brand: string }> = await this.dataSource.query(
      `SELECT organisation_id, brand FROM organisation_brands WHERE organisation_id = ANY($1::uuid[]) ORDER BY brand`,
      [organisationIds],
    );
    const byOrganisation = new Map<string, string[]>();
    for (const r of rows) byOrganisation.set(r.organisation_id, [...(byOrganisation.get(r.organisation_id) ?? []), r.brand]);
    return byOrganisation;
  }

  findOrganisation(id: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
  }

  listOrganisations(scope: { organisationId?: string }, after: string | undefined, limit: number): Promise<OrganisationEntity[]> {
    const query = this.dataSource.getRepository(OrganisationEntity).createQueryBuilder('o').orderBy('o.id', 'ASC').limit(limit);
    if (scope.organisationId) query.andWhere('o.id = :org', { org: scope.organisationId });
    if (after) query.andWhere('o.id > :after', { after });
    return query.getMany();
  }

  saveUser(user: Partial<UserEntity>, manager: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    return manager.getRepository(UserEntity).save(manager.getRepository(UserEntity).create(user));
  }

  findUser(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  /** E-mail addresses are unique within an organisation only. */
  findUserByEmail(organisationId: string, email: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOneBy({ organisationId, email });
  }

  listUsers(scope: { organisationId?: string }, after: string | undefined, limit: number): Promise<UserEntity[]> {
    const query = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').orderBy('u.id', 'ASC').limit(limit);
    if (scope.organisationId) query.andWhere('u.organisation_id = :org', { org: scope.organisationId });
    if (after) query.andWhere('u.id > :after', { after });
    return query.getMany();
  }

  saveApiKey(key: Partial<ApiKeyEntity>, manager: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity> {
    return manager.getRepository(ApiKeyEntity).save(manager.getRepository(ApiKeyEntity).create(key));
  }

  findApiKeyByHash(keyHash: string, manager: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity | null> {
    return manager.getRepository(ApiKeyEntity).findOneBy({ keyHash });
  }

  findApiKey(id: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOne({ where: { id }, relations: { user: true } });
  }

  listApiKeys(userId: string): Promise<ApiKeyEntity[]> {
    return this.dataSource.getRepository(ApiKeyEntity).find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async revokeApiKey(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(ApiKeyEntity).update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }
}
