import { CarbonModule } from './carbon/carbon.module';
import { UsageReadingsModule } from './carbon-usage/usage-readings.module';
import { OffsetsModule } from './offsets/offsets.module';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { EnvironmentVariables, validateEnvironment } from './config/app-config';
import { ProblemFilter } from './common/problem.filter';
import { requestIdOf } from './common/request-id';
import { dataSourceOptions, forRequests } from './database/data-source-options';
import { ReportPoolModule } from './database/report-pool';
import { DatabaseModule } from './database/transaction';
import { CustodyModule } from './custody/custody.module';
import { WarrantyModule } from './warranty/warranty.module';
import { CertificatesModule } from './certificates/certificates.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { DevicesModule } from './devices/devices.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { LicencesModule } from './licences/licences.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { MetricsModule } from './metrics/metrics.module';
import { TakebacksModule } from './takebacks/takebacks.module';
import { formatOptions, resolveLogFormat } from './logging/log-format';
import { CatalogueModule } from './catalogue/catalogue.module';
import { ExportsModule } from './exports/exports.module';
import { IncentivesModule } from './incentives/incentives.module';

export interface AppModuleOptions {
  /** Where PostgreSQL is; main.ts resolves it (DATABASE_URL or the embedded cluster). */
  databaseUrl: string;
  /** The migrations were run before, as the schema owner: the service's role cannot (and need not) run them. */
  migrated?: boolean;
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
            forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
            pinoHttp: {
              level: config.get('LOG_LEVEL', { infer: true }),
              genReqId: (request) => requestIdOf(request),
              redact: {
                paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'],
                censor: '[redacted]',
              },
              serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
              ...formatOptions(resolveLogFormat(config.get('LOG_FORMAT', { infer: true }))),
            },
          }),
        }),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
            ...forRequests(
              dataSourceOptions(options.databaseUrl, config.get('DB_POOL_SIZE', { infer: true })),
              config.get('RECERT_STATEMENT_TIMEOUT_MS', { infer: true }),
            ),
            migrationsRun: !options.migrated,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
        ThrottlerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
            throttlers: [
              { ttl: config.get('RECERT_RATE_WINDOW_MS', { infer: true }), limit: config.get('RECERT_RATE_LIMIT', { infer: true }) },
            ],
          }),
        }),
        DatabaseModule,
        ReportPoolModule,
        MetricsModule,
        AuthModule,
        IdentityModule,
        HealthModule,
        LifecycleModule,
        DevicesModule,
        TakebacksModule,
        LicencesModule,
        CustodyModule,
        ProgrammesModule,
        CertificatesModule,
        WarrantyModule,
        CatalogueModule,
        ExportsModule,
        CarbonModule,
        OffsetsModule,
        UsageReadingsModule,
        IncentivesModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
