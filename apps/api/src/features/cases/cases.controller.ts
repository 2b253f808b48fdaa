import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CaseHistoryEntry } from '@lantern/contracts';
import type { Response } from 'express';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CASE_LIST, CasesService } from './cases.service.js';
import { AssignCaseDto, CaseTransitionDto, CreateCaseDto, UpdateCaseDto } from './dto/case.dto.js';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly service: CasesService,
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

  @Post(':id/assign')
  @Policy('update', 'Case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign or reassign the caseworker (coordinators)' })
  assign(@Param('id', UuidPipe) id: string, @Body() body: AssignCaseDto): Promise<unknown> {
    return this.service.assign(id, body);
  }
}
