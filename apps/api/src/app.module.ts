import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DestinationStream } from 'pino';
import { AccessModule } from './access/access.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { PolicyGuard } from './authz/policy.guard.js';
import { ProblemFilter } from './common/problem.filter.js';
import { LoggingModule } from './common/logging.js';
import type { AppConfig } from './config/config.js';
import type { Clock } from './config/clock.js';
import { CoreModule } from './core.module.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { dataSourceOptions, type DatabaseTarget } from './database/data-source-options.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { HealthModule } from './health/health.module.js';
import { PartnerOrgsModule } from './partner-orgs/partner-orgs.module.js';
import { CasesModule } from './cases/cases.module.js';
import { BreakGlassModule } from './break-glass/break-glass.module.js';
import { CaseNotesModule } from './case-notes/case-notes.module.js';
import { ConsentsModule } from './consents/consents.module.js';
import { IntakesModule } from './intakes/intakes.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OutcomesModule } from './outcomes/outcomes.module.js';
import { ServicePlansModule } from './service-plans/service-plans.module.js';
import { SurvivorsModule } from './survivors/survivors.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, target: DatabaseTarget, clock?: Clock, logStream?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, clock),
        LoggingModule.forRoot(config, logStream),
        TypeOrmModule.forRoot({ ...dataSourceOptions(target), retryAttempts: 3, retryDelay: 1000 }),
        CryptoModule,
        AuditModule,
        AccessModule,
        AuthModule,
        HealthModule,
        PartnerOrgsModule,
        UsersModule,
        SurvivorsModule,
        CasesModule,
        IntakesModule,
        ConsentsModule,
        CaseNotesModule,
        BreakGlassModule,
        NotificationsModule,
        ReferralsModule,
        ServicePlansModule,
        OutcomesModule,
        MetricsModule,
      ],
      providers: [
        // Order matters: who is this (AuthGuard), then may they (PolicyGuard).
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: PolicyGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
