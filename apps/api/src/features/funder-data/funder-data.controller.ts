import type { FunderDataResponse } from '@lantern/contracts';
import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { answer, Returns } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateFunderDataDto, UpdateFunderDataDto } from './dto/funder-data.dto.js';
import { FUNDER_DATA_LIST, FunderDataService } from './funder-data.service.js';

/** Issue 16: a case's funder data (HMIS universal data elements, law-enforcement involvement), one record per case. */
@ApiTags('funder-data')
@Controller('funder-data')
export class FunderDataController {
  constructor(private readonly service: FunderDataService) {}

  @Get()
  @Policy('read', 'FunderData')
  @ApiOperation({ summary: 'Funder data (HMIS) records (audited read): of a case' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, lawEnforcementReported, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('FunderDataResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<FunderDataResponse[]> {
    const page = await this.service.list(parseListQuery(query, FUNDER_DATA_LIST));
    res.header('Content-Range', contentRange(FUNDER_DATA_LIST.resource, page));
    return answer<FunderDataResponse[]>(page.rows);
  }

  @Get(':id')
  @Policy('read', 'FunderData')
  @Returns('FunderDataResponse')
  get(@Param('id', UuidPipe) id: string): Promise<FunderDataResponse> {
    return answer<FunderDataResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'FunderData')
  @Idempotent()
  @ApiOperation({ summary: "Start a case's funder data (HMIS) record (one per case)" })
  @Returns('FunderDataResponse', { status: 201 })
  create(@Body() body: CreateFunderDataDto): Promise<FunderDataResponse> {
    return answer<FunderDataResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'FunderData')
  @ApiOperation({ summary: 'Change the record: its fields are checked together; there is no delete' })
  @Returns('FunderDataResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateFunderDataDto): Promise<FunderDataResponse> {
    return answer<FunderDataResponse>(this.service.update(id, body));
  }
}
