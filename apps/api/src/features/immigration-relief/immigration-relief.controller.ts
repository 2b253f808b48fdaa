import type { ImmigrationReliefResponse } from '@lantern/contracts';
import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { answer, Returns } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateImmigrationReliefDto, UpdateImmigrationReliefDto } from './dto/immigration-relief.dto.js';
import { IMMIGRATION_RELIEF_LIST, ImmigrationReliefService } from './immigration-relief.service.js';

/** Issue 16: a case's immigration relief (T visa, Continued Presence, HHS letter), one record per case. */
@ApiTags('immigration-relief')
@Controller('immigration-relief')
export class ImmigrationReliefController {
  constructor(private readonly service: ImmigrationReliefService) {}

  @Get()
  @Policy('read', 'ImmigrationRelief')
  @ApiOperation({ summary: 'Immigration relief records (audited read): of a case, or by state' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, tVisaStatus, continuedPresenceStatus, hhsLetter, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('ImmigrationReliefResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ImmigrationReliefResponse[]> {
    const page = await this.service.list(parseListQuery(query, IMMIGRATION_RELIEF_LIST));
    res.header('Content-Range', contentRange(IMMIGRATION_RELIEF_LIST.resource, page));
    return answer<ImmigrationReliefResponse[]>(page.rows);
  }

  @Get(':id')
  @Policy('read', 'ImmigrationRelief')
  @Returns('ImmigrationReliefResponse')
  get(@Param('id', UuidPipe) id: string): Promise<ImmigrationReliefResponse> {
    return answer<ImmigrationReliefResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'ImmigrationRelief')
  @Idempotent()
  @ApiOperation({ summary: "Start a case's immigration relief record (one per case)" })
  @Returns('ImmigrationReliefResponse', { status: 201 })
  create(@Body() body: CreateImmigrationReliefDto): Promise<ImmigrationReliefResponse> {
    return answer<ImmigrationReliefResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'ImmigrationRelief')
  @ApiOperation({ summary: 'Change the record: states and dates are checked together; there is no delete' })
  @Returns('ImmigrationReliefResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateImmigrationReliefDto): Promise<ImmigrationReliefResponse> {
    return answer<ImmigrationReliefResponse>(this.service.update(id, body));
  }
}
