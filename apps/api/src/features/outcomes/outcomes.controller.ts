import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateOutcomeDto, UpdateOutcomeDto } from './dto/outcome.dto.js';
import { OUTCOME_LIST, OutcomesService } from './outcomes.service.js';

@ApiTags('outcomes')
@Controller('outcomes')
export class OutcomesController {
  constructor(private readonly service: OutcomesService) {}

  @Get()
  @Policy('read', 'OutcomeAssessment')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, stage, id' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    const page = await this.service.list(parseListQuery(query, OUTCOME_LIST));
    res.setHeader('Content-Range', contentRange(OUTCOME_LIST.resource, page));
    return page.rows;
  }

  @Get(':id')
  @Policy('read', 'OutcomeAssessment')
  get(@Param('id', UuidPipe) id: string): Promise<unknown> {
    return this.service.get(id);
  }

  @Post()
  @Policy('create', 'OutcomeAssessment')
  @Idempotent()
  create(@Body() body: CreateOutcomeDto): Promise<unknown> {
    return this.service.create(body);
  }

  @Put(':id')
  @Policy('update', 'OutcomeAssessment')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateOutcomeDto): Promise<unknown> {
    return this.service.update(id, body);
  }

  @Patch(':id')
  @Policy('update', 'OutcomeAssessment')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateOutcomeDto): Promise<unknown> {
    return this.service.update(id, body);
  }
}
