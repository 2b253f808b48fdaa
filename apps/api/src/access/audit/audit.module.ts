import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';
import { AuditVerificationJob, AuditVerificationService } from './audit-verification.service.js';

@Global()
@Module({ providers: [AuditService, AuditVerificationService, AuditVerificationJob], exports: [AuditService, AuditVerificationService, AuditVerificationJob] })
export class AuditModule {}
