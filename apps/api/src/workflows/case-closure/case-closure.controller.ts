import type { CaseResponse, ClosureCheckResponse } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '../../access/authz/access.decorators.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { CloseCaseDto, ReopenCaseDto } from '../../features/cases/dto/case.dto.js';
import { CaseClosureService } from './case-closure.service.js';
import { answer, Returns } from '../../kernel/http/openapi.js';

/** Closing and reopening a case: they reach into its referrals, plans and assessments. */
@ApiTags('cases')
@Controller('cases')
export class CaseClosureController {
  constructor(private readonly closure: CaseClosureService) {}

  @Get(':id/closure-check')
  @Policy('update', 'Case')
  @ApiOperation({ summary: 'What is missing before this case can be closed' })
  @Returns('ClosureCheckResponse')
  closureCheck(@Param('id', UuidPipe) id: string): Promise<ClosureCheckResponse> {
    return this.closure.check(id);
  }

  @Post(':id/close')
  @Policy('update', 'Case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close with a reason and HMIS exit destination; needs the exit assessment and no open referrals (or cancelOpenReferrals)' })
  @Returns('CaseResponse')
  close(@Param('id', UuidPipe) id: string, @Body() body: CloseCaseDto): Promise<CaseResponse> {
    return answer<CaseResponse>(this.closure.close(id, body));
  }

  @Post(':id/reopen')
  @Policy('update', 'Case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a closed case (coordinators), with a reason' })
  @Returns('CaseResponse')
  reopen(@Param('id', UuidPipe) id: string, @Body() body: ReopenCaseDto): Promise<CaseResponse> {
    return answer<CaseResponse>(this.closure.reopen(id, body));
  }
}
