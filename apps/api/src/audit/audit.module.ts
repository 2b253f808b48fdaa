import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({ controllers: [AuditEventsController], providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
