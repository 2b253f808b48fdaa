import type { CaseHistoryEntry } from '@lantern/contracts';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '../../access/authz/access.decorators.js';
import { Returns } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { CaseHistoryService } from './case-history.service.js';

/** A case's history: the audit rows of every record of its file. */
@ApiTags('cases')
@Controller('cases')
export class CaseHistoryController {
  constructor(private readonly history: CaseHistoryService) {}

  @Get(':id/history')
  @Policy('read', 'Case')
  @ApiOperation({ summary: 'Who viewed and who changed what on this case, in order' })
  @Returns('CaseHistoryEntry', { list: true })
  of(@Param('id', UuidPipe) id: string): Promise<CaseHistoryEntry[]> {
    return this.history.of(id);
  }
}
