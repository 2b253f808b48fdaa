import type { CaseNoteResponse } from '@lantern/contracts';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CASE_NOTE_LIST, CaseNotesService } from './case-notes.service.js';
import { CreateCaseNoteDto } from './dto/case-note.dto.js';
import { answer, Returns } from '../../kernel/http/openapi.js';

@ApiTags('case-notes')
@Controller('case-notes')
export class CaseNotesController {
  constructor(private readonly service: CaseNotesService) {}

  @Get()
  @Policy('read', 'CaseNote')
  @ApiOperation({ summary: 'Notes of a case (audited read)' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, noteType, contactMethod, restricted, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('CaseNoteResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<CaseNoteResponse[]> {
    const page = await this.service.list(parseListQuery(query, CASE_NOTE_LIST));
    res.header('Content-Range', contentRange(CASE_NOTE_LIST.resource, page));
    return answer<CaseNoteResponse[]>(page.rows);
  }

  @Get(':id')
  @Policy('read', 'CaseNote')
  @Returns('CaseNoteResponse')
  get(@Param('id', UuidPipe) id: string): Promise<CaseNoteResponse> {
    return answer<CaseNoteResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'CaseNote')
  @Idempotent()
  @ApiOperation({ summary: 'Add a note (or a correction of one); notes are never edited or deleted' })
  @Returns('CaseNoteResponse', { status: 201 })
  create(@Body() body: CreateCaseNoteDto): Promise<CaseNoteResponse> {
    return answer<CaseNoteResponse>(this.service.create(body));
  }
}
