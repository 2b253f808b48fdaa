import { Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller.js';

/** The admins' audit log: a reader of the audit chain that access/audit writes. */
@Module({ controllers: [AuditEventsController] })
export class AuditLogModule {}
