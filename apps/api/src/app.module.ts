import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DestinationStream } from 'pino';
import { AccessModule } from './access/records/access.module.js';
import { AuditModule } from './access/audit/audit.module.js';
import { AuthGuard } from './access/auth/auth.guard.js';
import { AuthModule } from './access/auth/auth.module.js';
import { PolicyGuard } from './access/authz/policy.guard.js';
import { ProblemFilter } from './kernel/http/problem.filter.js';
import { LoggingModule } from './kernel/http/logging.js';
import type { AppConfig } from './kernel/config/config.js';
import type { Clock } from './kernel/config/clock.js';
import { CoreModule } from './core.module.js';
import { CryptoModule } from './kernel/crypto/crypto.module.js';
import { ENTITIES } from './entities.js';
import { dataSourceOptions, type DatabaseTarget } from './kernel/database/data-source-options.js';
import { DeadlineGuard } from './kernel/http/deadline.js';
import { HealthModule } from './features/health/health.module.js';
import { PartnerOrgsModule } from './features/partner-orgs/partner-orgs.module.js';
import { AuditLogModule } from './features/audit-log/audit-log.module.js';
import { CasesModule } from './features/cases/cases.module.js';
import { CaseClosureModule } from './workflows/case-closure/case-closure.module.js';
import { CaseHistoryModule } from './workflows/case-history/case-history.module.js';
import { CaseloadModule } from './workflows/caseload/caseload.module.js';
import { SurvivorMergeModule } from './workflows/survivor-merge/survivor-merge.module.js';
import { BreakGlassModule } from './features/break-glass/break-glass.module.js';
import { CaseNotesModule } from './features/case-notes/case-notes.module.js';
import { ConsentsModule } from './features/consents/consents.module.js';
import { IntakesModule } from './features/intakes/intakes.module.js';
import { NotificationsModule } from './features/notifications/notifications.module.js';
import { ReferralsModule } from './features/referrals/referrals.module.js';
import { MetricsModule } from './features/metrics/metrics.module.js';
import { JobsAdminModule } from './features/jobs/index.js';
import { OutcomesModule } from './features/outcomes/outcomes.module.js';
import { ServicePlansModule } from './features/service-plans/service-plans.module.js';
import { SurvivorsModule } from './features/survivors/survivors.module.js';
import { SearchModule } from './features/search/index.js';
import { UsersModule } from './features/users/users.module.js';
import { AccountsModule } from './features/accounts/accounts.module.js';
import { RemindersModule } from './workflows/reminders/reminders.module.js';
import { ImportsModule } from './workflows/imports/imports.module.js';
import { AppointmentsModule } from './features/appointments/index.js';
import { DocumentsModule } from './features/documents/index.js';
import { ServiceDeliveriesModule } from './features/service-deliveries/index.js';
import { ImmigrationReliefModule } from './features/immigration-relief/index.js';
import { FunderDataModule } from './features/funder-data/index.js';
import { ReportsModule } from './features/reports/index.js';
import { ContactsModule } from './features/contacts/index.js';
import { CustomFieldsModule } from './features/custom-fields/index.js';
import { ErasureModule } from './features/erasure/index.js';
import { SubjectAccessModule } from './features/subject-access/index.js';
import { FormsModule } from './features/forms/index.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, target: DatabaseTarget, clock?: Clock, logStream?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, clock),
        LoggingModule.forRoot(config, logStream),
        TypeOrmModule.forRoot({ ...dataSourceOptions(target, 10, ENTITIES, config.timeouts), retryAttempts: 3, retryDelay: 1000 }),
        CryptoModule,
        AuditModule,
        AuditLogModule,
        AccessModule,
        AuthModule,
        HealthModule,
        PartnerOrgsModule,
        UsersModule,
        AccountsModule,
        SurvivorsModule,
        SearchModule,
        // Workflows first: their routes under /cases (caseload, attention) must match before /cases/:id.
        CaseloadModule,
        CaseClosureModule,
        SurvivorMergeModule,
        CaseHistoryModule,
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
        JobsAdminModule,
        AppointmentsModule,
        DocumentsModule,
        ServiceDeliveriesModule,
        ImmigrationReliefModule,
        FunderDataModule,
        ReportsModule,
        ContactsModule,
        CustomFieldsModule,
        ErasureModule,
        SubjectAccessModule,
        RemindersModule,
        ImportsModule,
        FormsModule,
      ],
      providers: [
        // Order matters: who is this (AuthGuard), then may they (PolicyGuard).
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: PolicyGuard },
        // Then: is there still time (kernel/http/deadline.ts)? No global interceptor: the idempotency
        // interceptor sits on the routes marked @Idempotent() (kernel/idempotency/idempotency.interceptor.ts).
        { provide: APP_GUARD, useClass: DeadlineGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
