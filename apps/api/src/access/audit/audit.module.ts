import { Global, Module } from '@nestjs/common';
import { JobsModule } from '../../kernel/jobs/jobs.js';
import { AuditService } from './audit.service.js';
import { AuditVerificationJob, AuditVerificationService } from './audit-verification.service.js';

@Global()
@Module({ imports: [JobsModule], providers: [AuditService, AuditVerificationService, AuditVerificationJob], exports: [AuditService, AuditVerificationService, AuditVerificationJob] })
export class AuditModule {}
