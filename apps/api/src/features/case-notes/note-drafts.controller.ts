import type { CaseNoteDraftResponse } from '@lantern/contracts';
import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '../../access/authz/access.decorators.js';
import { answer, Returns, ReturnsNothing } from '../../kernel/http/openapi.js';
import { NoteDraftQueryDto, SaveNoteDraftDto } from './dto/note-draft.dto.js';
import { NoteDraftsService } from './note-drafts.service.js';

/** The caller's own draft of a note on a case (issue 13); nobody else's draft is ever reachable. */
@ApiTags('case-notes')
@Controller('case-notes/drafts')
export class NoteDraftsController {
  constructor(private readonly service: NoteDraftsService) {}

  @Get('mine')
  // Readers of notes pass the route; the service answers 404 unless the caller may add notes to the case.
  @Policy('read', 'CaseNote')
  @ApiOperation({ summary: 'Your draft of a note on this case (audited read); 404 when you have none' })
  @Returns('CaseNoteDraftResponse')
  get(@Query() query: NoteDraftQueryDto): Promise<CaseNoteDraftResponse> {
    return answer<CaseNoteDraftResponse>(this.service.get(query.caseId));
  }

  @Put('mine')
  @Policy('create', 'CaseNote')
  @ApiOperation({ summary: 'Save your draft of a note on this case: without version to start it, with the version last returned to replace it' })
  @Returns('CaseNoteDraftResponse')
  save(@Body() body: SaveNoteDraftDto): Promise<CaseNoteDraftResponse> {
    return answer<CaseNoteDraftResponse>(this.service.save(body));
  }

  @Delete('mine')
  @Policy('create', 'CaseNote')
  @HttpCode(204)
  @ApiOperation({ summary: 'Discard your draft of a note on this case' })
  @ReturnsNothing()
  async discard(@Query() query: NoteDraftQueryDto): Promise<void> {
    await this.service.discard(query.caseId);
  }
}
