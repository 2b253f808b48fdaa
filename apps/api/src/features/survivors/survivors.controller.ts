import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateSurvivorDto, SearchSurvivorsDto, UpdateSurvivorDto } from './dto/survivor.dto.js';
import { SURVIVOR_LIST, SurvivorsService } from './survivors.service.js';

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
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    const page = await this.service.list(parseListQuery(query, SURVIVOR_LIST));
    res.setHeader('Content-Range', contentRange(SURVIVOR_LIST.resource, page));
    return page.rows;
  }

  @Post('search')
  @Policy('read', 'Survivor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exact search by name and birth year (POST: a name never travels in a URL)' })
  search(@Body() body: SearchSurvivorsDto): Promise<unknown> {
    return this.service.search(body);
  }

  @Get(':id')
  @Policy('read', 'Survivor')
  @ApiOperation({ summary: 'Open a survivor record (audited)' })
  get(@Param('id', UuidPipe) id: string): Promise<unknown> {
    return this.service.get(id);
  }

  @Post()
  @Policy('create', 'Survivor')
  @Idempotent()
  create(@Body() body: CreateSurvivorDto): Promise<unknown> {
    return this.service.create(body);
  }

  @Put(':id')
  @Policy('update', 'Survivor')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateSurvivorDto): Promise<unknown> {
    return this.service.update(id, body);
  }

  @Patch(':id')
  @Policy('update', 'Survivor')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateSurvivorDto): Promise<unknown> {
    return this.service.update(id, body);
  }
}
