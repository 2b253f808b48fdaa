import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AttentionResponse, CaseloadEntry } from '@lantern/contracts';
import { Policy } from '../../access/authz/access.decorators.js';
import { CaseloadService } from './caseload.service.js';
import { Returns } from '../../kernel/http/openapi.js';

/**
 * Pages that look across a person's cases and their children (plans, referrals, assessments). Its module
 * is imported before the cases feature's, so `/cases/caseload` is matched before `/cases/:id`.
 */
@ApiTags('cases')
@Controller('cases')
export class CaseloadController {
  constructor(private readonly caseloads: CaseloadService) {}

  @Get('caseload')
  @Policy('read', 'Case')
  @ApiOperation({ summary: 'My open cases: risk, last contact, intake drafts to finish' })
  @Returns('CaseloadEntry', { list: true })
  caseload(): Promise<CaseloadEntry[]> {
    return this.caseloads.caseload();
  }

  @Get('attention')
  @Policy('update', 'Case')
  @ApiOperation({ summary: 'Coordinators: overdue reviews, tasks, assessments and referrals across the program' })
  @Returns('AttentionResponse')
  attention(): Promise<AttentionResponse> {
    return this.caseloads.attention();
  }
}
