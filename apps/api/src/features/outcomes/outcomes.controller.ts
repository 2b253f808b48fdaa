import type { OutcomeResponse } from '@lantern/contracts';
import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateOutcomeDto, UpdateOutcomeDto } from './dto/outcome.dto.js';
import { OUTCOME_LIST, OutcomesService } from './outcomes.service.js';
import { answer, Returns } from '../../kernel/http/openapi.js';
import { CustomListFields } from '../custom-fields/index.js';

@ApiTags('outcomes')
@Controller('outcomes')
export class OutcomesController {
  constructor(
    private readonly service: OutcomesService,
    private readonly customList: CustomListFields,
  ) {}

  @Get()
  @Policy('read', 'OutcomeAssessment')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, stage, id, and custom fields as custom.<key>, custom.<key>_gte, custom.<key>_lte (docs/custom-fields.md)' })
  @Returns('OutcomeResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<OutcomeResponse[]> {
    // The organization's outcome-assessment fields join the filters and sorts; each row carries the values the reader may see.
    const { spec, fields } = await this.customList.spec('outcomeAssessment', OUTCOME_LIST);
    const page = await this.service.list(parseListQuery(query, spec), this.customList.rows('outcomeAssessment', fields));
    res.header('Content-Range', contentRange(OUTCOME_LIST.resource, page));
    return answer<OutcomeResponse[]>(page.rows);
  }

  @Get(':id')
  @Policy('read', 'OutcomeAssessment')
  @Returns('OutcomeResponse')
  get(@Param('id', UuidPipe) id: string): Promise<OutcomeResponse> {
    return answer<OutcomeResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'OutcomeAssessment')
  @Idempotent()
  @Returns('OutcomeResponse', { status: 201 })
  create(@Body() body: CreateOutcomeDto): Promise<OutcomeResponse> {
    return answer<OutcomeResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'OutcomeAssessment')
  @Returns('OutcomeResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateOutcomeDto): Promise<OutcomeResponse> {
    return answer<OutcomeResponse>(this.service.update(id, body));
  }

  @Patch(':id')
  @Policy('update', 'OutcomeAssessment')
  @Returns('OutcomeResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateOutcomeDto): Promise<OutcomeResponse> {
    return answer<OutcomeResponse>(this.service.update(id, body));
  }
}
