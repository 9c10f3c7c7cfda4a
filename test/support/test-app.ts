import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import type { Role } from '../../apps/api/src/identity/identity.types';
import { TEST_ADMIN_KEY } from './constants';
import { installContractCheck } from './contract';

export interface TestOrganisation {
  id: string;
  name: string;
  kind: string;
}

export interface TestUser {
  id: string;
  organisationId: string;
  role: Role;
  key: string;
  keyId: string;
}

/** The real application over HTTP on the suite's PostgreSQL, with builders that keep each test short. */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly adminKey: string,
  ) {}

  static async start(env: Record<string, string> = {}, databaseUrl = requiredDatabaseUrl()): Promise<TestApp> {
    Object.assign(process.env, env);
    const app = await createApp({ databaseUrl });
    installContractCheck(app.getHttpAdapter().getInstance());
    await app.getHttpAdapter().getInstance().ready();
    return new TestApp(app, TEST_ADMIN_KEY);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** A request with this key already in the Authorization header. */
  as(key: string) {
    const server = this.app.getHttpServer();
    const auth = (test: request.Test) => test.set('authorization', `Bearer ${key}`);
    return {
      get: (url: string) => auth(request(server).get(url)),
      post: (url: string) => auth(request(server).post(url)),
      put: (url: string) => auth(request(server).put(url)),
      patch: (url: string) => auth(request(server).patch(url)),
      delete: (url: string) => auth(request(server).delete(url)),
    };
  }

  async newOrganisation(kind = 'refurbishment_centre', name = `org ${randomUUID().slice(0, 8)}`): Promise<TestOrganisation> {
    const response = await this.as(this.adminKey).post('/organisations').send({ name, kind }).expect(201);
    return response.body as TestOrganisation;
  }

  /** Records (as the platform operator) that the organisation works for the customer, so it may name it in takebacks. */
  async worksFor(organisationId: string, customerId: string): Promise<void> {
    await this.as(this.adminKey).put(`/organisations/${organisationId}/customers/${customerId}`).expect(204);
  }

  async newUser(role: Role, organisationId?: string): Promise<TestUser> {
    const orgId = organisationId ?? (await this.newOrganisation()).id;
    const email = `${role}.${randomUUID()}@test.recert.invalid`;
    const user = await this.as(this.adminKey)
      .post('/users')
      .send({ organisationId: orgId, email, name: `Test ${role}`, role })
      .expect(201);
    const key = await this.as(this.adminKey).post(`/users/${user.body.id}/api-keys`).send({ name: 'test' }).expect(201);
    return { id: user.body.id, organisationId: orgId, role, key: key.body.key, keyId: key.body.id };
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

export function requiredDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is set by the global setup');
  return url;
}

/** The schema owner's connection (the suite itself runs as the restricted service role). */
export function ownerDatabaseUrl(): string {
  return process.env.RECERT_TEST_OWNER_URL ?? requiredDatabaseUrl();
}

/**
 * As the schema owner, in one transaction with the append-only trigger off for it only: what a test needs to
 * tamper with the trail on purpose (the service's own role cannot).
 */
export async function tamperAsOwner(statements: Array<[string, unknown[]]>): Promise<void> {
  const client = new Client({ connectionString: ownerDatabaseUrl() });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

export const isProblem = (response: request.Response) => {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), status: response.status }));
};
