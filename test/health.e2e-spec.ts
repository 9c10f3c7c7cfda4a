import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../apps/api/src/app.factory';
import { TcpProxy } from './support/tcp-proxy';
import { isProblem, requiredDatabaseUrl } from './support/test-app';

describe('health', () => {
  let proxy: TcpProxy;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const target = new URL(requiredDatabaseUrl());
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    app = await createApp({ databaseUrl: proxy.urlFor(requiredDatabaseUrl()) });
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await proxy.up();
    await app.close();
    await proxy.down();
  });

  it('is live and ready while the database answers', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.details.database.status).toBe('up');
  });

  it('answers 503 problem+json on readiness while the database is down, and recovers', async () => {
    await proxy.down();
    const down = await request(app.getHttpServer()).get('/health/ready');
    expect(down.status).toBe(503);
    isProblem(down);
    await request(app.getHttpServer()).get('/health/live').expect(200);

    await proxy.up();
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await request(app.getHttpServer()).get('/health/ready')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
