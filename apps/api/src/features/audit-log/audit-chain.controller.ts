import type { AuditChainStatusResponse } from '@lantern/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '../../access/authz/access.decorators.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { AuditVerificationService } from '../../access/audit/audit-verification.service.js';
import { Returns } from '../../kernel/http/openapi.js';

/** The audit chain panel of the admin's audit page: the last verification and the organization's chain head. */
@ApiTags('audit')
@Controller('audit-chain')
export class AuditChainController {
  constructor(private readonly verification: AuditVerificationService) {}

  @Get()
  @Policy('read', 'AuditEvent')
  @ApiOperation({ summary: 'The last audit verification (daily job or audit:verify) and this organization\'s chain head' })
  @Returns('AuditChainStatusResponse')
  status(): Promise<AuditChainStatusResponse> {
    return this.verification.latest(currentActor().actor.organizationId);
  }
}
