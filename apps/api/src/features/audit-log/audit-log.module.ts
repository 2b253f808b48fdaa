import { Module } from '@nestjs/common';
import { AuditChainController } from './audit-chain.controller.js';
import { AuditEventsController } from './audit-events.controller.js';

/** The admins' audit log: a reader of the audit chain that access/audit writes. */
@Module({ controllers: [AuditEventsController, AuditChainController] })
export class AuditLogModule {}
