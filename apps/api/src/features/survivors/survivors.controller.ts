import type { DuplicateCheckResult, NameSearchResult, SurvivorCreatedResponse, SurvivorResponse } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateSurvivorDto, DuplicateCheckDto, SearchSurvivorsDto, UpdateSurvivorDto } from './dto/survivor.dto.js';
import { SURVIVOR_LIST, SurvivorsService } from './survivors.service.js';
import { answer, Returns } from '../../kernel/http/openapi.js';

@ApiTags('survivors')
@Controller('survivors')
export class SurvivorsController {
  constructor(private readonly service: SurvivorsService) {}

  @Get()
  @Policy('read', 'Survivor')
  @ApiOperation({ summary: 'List survivors (alias and coarse demographics only)' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {"q" (alias), "gender", "id"}' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('SurvivorResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<SurvivorResponse[]> {
    const page = await this.service.list(parseListQuery(query, SURVIVOR_LIST));
    res.header('Content-Range', contentRange(SURVIVOR_LIST.resource, page));
    return answer<SurvivorResponse[]>(page.rows);
  }

  @Post('search')
  @Policy('read', 'Survivor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tolerant search by name (partial, sounding alike), birth year optional or a range (POST: a name never travels in a URL)' })
  @Returns('NameSearchResult')
  search(@Body() body: SearchSurvivorsDto): Promise<NameSearchResult> {
    return this.service.search(body);
  }

  @Post('duplicates')
  @Policy('create', 'Survivor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Likely duplicates of a survivor about to be registered (alias, or name with birth year); never blocking' })
  @Returns('DuplicateCheckResult')
  duplicates(@Body() body: DuplicateCheckDto): Promise<DuplicateCheckResult> {
    return this.service.checkDuplicates(body);
  }

  @Get(':id')
  @Policy('read', 'Survivor')
  @ApiOperation({ summary: 'Open a survivor record (audited)' })
  @Returns('SurvivorResponse')
  get(@Param('id', UuidPipe) id: string): Promise<SurvivorResponse> {
    return answer<SurvivorResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'Survivor')
  @Idempotent()
  @Returns('SurvivorCreatedResponse', { status: 201 })
  create(@Body() body: CreateSurvivorDto): Promise<SurvivorCreatedResponse> {
    return answer<SurvivorCreatedResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'Survivor')
  @Returns('SurvivorResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateSurvivorDto): Promise<SurvivorResponse> {
    return answer<SurvivorResponse>(this.service.update(id, body));
  }

  @Patch(':id')
  @Policy('update', 'Survivor')
  @Returns('SurvivorResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateSurvivorDto): Promise<SurvivorResponse> {
    return answer<SurvivorResponse>(this.service.update(id, body));
  }
}
