import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AttentionResponse, CaseHistoryEntry, CaseloadEntry } from '@lantern/contracts';
import type { Response } from 'express';
import { Policy } from '../authz/access.decorators.js';
import { contentRange, parseListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { Idempotent } from '../idempotency/idempotency.interceptor.js';
import { CASE_LIST, CasesService } from './cases.service.js';
import { AssignCaseDto, CaseTransitionDto, CloseCaseDto, CreateCaseDto, ReopenCaseDto, UpdateCaseDto } from './dto/case.dto.js';
import { CaseClosureService, type ClosureCheck } from './case-closure.service.js';
import { CaseloadService } from './caseload.service.js';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly service: CasesService,
    private readonly closure: CaseClosureService,
    private readonly caseloads: CaseloadService,
  ) {}

  @Get()
  @Policy('read', 'Case')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: status, riskLevel, assignedCaseworkerId, survivorId, caseNumber, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    const page = await this.service.list(parseListQuery(query, CASE_LIST));
    res.setHeader('Content-Range', contentRange(CASE_LIST.resource, page));
    return page.rows;
  }

  @Get('caseload')
  @Policy('read', 'Case')
  @ApiOperation({ summary: 'My open cases: risk, last contact, intake drafts to finish' })
  caseload(): Promise<CaseloadEntry[]> {
    return this.caseloads.caseload();
  }

  @Get('attention')
  @Policy('update', 'Case')
  @ApiOperation({ summary: 'Coordinators: overdue reviews, tasks, assessments and referrals across the program' })
  attention(): Promise<AttentionResponse> {
    return this.caseloads.attention();
  }

  @Get(':id')
  @Policy('read', 'Case')
  @ApiOperation({ summary: 'Open a case (audited)' })
  get(@Param('id', UuidPipe) id: string): Promise<unknown> {
    return this.service.get(id);
  }

  @Get(':id/history')
  @Policy('read', 'Case')
  @ApiOperation({ summary: 'Who viewed and who changed what on this case, in order' })
  history(@Param('id', UuidPipe) id: string): Promise<CaseHistoryEntry[]> {
    return this.service.history(id);
  }

  @Post()
  @Policy('create', 'Case')
  @Idempotent()
  create(@Body() body: CreateCaseDto): Promise<unknown> {
    return this.service.create(body);
  }

  @Put(':id')
  @Policy('update', 'Case')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateCaseDto): Promise<unknown> {
    return this.service.update(id, body);
  }

  @Patch(':id')
  @Policy('update', 'Case')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateCaseDto): Promise<unknown> {
    return this.service.update(id, body);
  }

  @Post(':id/transitions')
  @Policy('update', 'Case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the status: intake → active ⇄ on_hold (closing and reopening have their own actions)' })
  transition(@Param('id', UuidPipe) id: string, @Body() body: CaseTransitionDto): Promise<unknown> {
    return this.service.transition(id, body);
  }

  @Get(':id/closure-check')
  @Policy('update', 'Case')
  @ApiOperation({ summary: 'What is missing before this case can be closed' })
  closureCheck(@Param('id', UuidPipe) id: string): Promise<ClosureCheck> {
    return this.closure.check(id);
  }

  @Post(':id/close')
  @Policy('update', 'Case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close with a reason and HMIS exit destination; needs the exit assessment and no open referrals (or cancelOpenReferrals)' })
  close(@Param('id', UuidPipe) id: string, @Body() body: CloseCaseDto): Promise<unknown> {
    return this.closure.close(id, body);
  }

  @Post(':id/reopen')
  @Policy('update', 'Case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a closed case (coordinators), with a reason' })
  reopen(@Param('id', UuidPipe) id: string, @Body() body: ReopenCaseDto): Promise<unknown> {
    return this.closure.reopen(id, body);
  }

  @Post(':id/assign')
  @Policy('update', 'Case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign or reassign the caseworker (coordinators)' })
  assign(@Param('id', UuidPipe) id: string, @Body() body: AssignCaseDto): Promise<unknown> {
    return this.service.assign(id, body);
  }
}
