import type { BreakGlassGrantResponse } from '@lantern/contracts';
import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { BREAK_GLASS_LIST, BreakGlassService } from './break-glass.service.js';
import { CreateBreakGlassGrantDto } from './dto/break-glass.dto.js';
import { answer, Returns } from '../../kernel/http/openapi.js';

@ApiTags('break-glass')
@Controller('break-glass-grants')
export class BreakGlassController {
  constructor(private readonly service: BreakGlassService) {}

  @Get()
  @Policy('read', 'BreakGlassGrant')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: survivorId, userId, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('BreakGlassGrantResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<BreakGlassGrantResponse[]> {
    const page = await this.service.list(parseListQuery(query, BREAK_GLASS_LIST));
    res.header('Content-Range', contentRange(BREAK_GLASS_LIST.resource, page));
    return answer<BreakGlassGrantResponse[]>(page.rows);
  }

  @Post()
  @Policy('create', 'BreakGlassGrant')
  @ApiOperation({ summary: 'Emergency access: open one survivor file for 60 minutes (password and reason required)' })
  @Returns('BreakGlassGrantResponse', { status: 201 })
  open(@Body() body: CreateBreakGlassGrantDto): Promise<BreakGlassGrantResponse> {
    return answer<BreakGlassGrantResponse>(this.service.open(body));
  }
}
