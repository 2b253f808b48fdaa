import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { MergePreviewResponse, SurvivorMergeResponse } from '@lantern/contracts';
import { Policy } from '../../access/authz/access.decorators.js';
import { badRequest } from '../../kernel/http/domain-error.js';
import { Returns } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { MergeSurvivorDto, UndoMergeDto } from './dto/survivor-merge.dto.js';
import { SurvivorMergeService } from './survivor-merge.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Merging two records of one survivor, and undoing it (issue 17): coordinators only (docs/duplicates.md, "Merge"). */
@ApiTags('survivors')
@Controller()
export class SurvivorMergeController {
  constructor(private readonly service: SurvivorMergeService) {}

  @Get('survivors/:id/merge-preview')
  @Policy('create', 'SurvivorMerge')
  @ApiOperation({ summary: 'What merging `other` into this survivor would move (counts by kind of record)' })
  @ApiQuery({ name: 'other', required: true, description: 'The id of the duplicate record' })
  @Returns('MergePreviewResponse')
  preview(@Param('id', UuidPipe) id: string, @Query('other') other: unknown): Promise<MergePreviewResponse> {
    if (typeof other !== 'string' || !UUID.test(other)) throw badRequest('other', 'must be a uuid');
    return this.service.preview(id, other.toLowerCase());
  }

  @Post('survivors/:id/merges')
  @Policy('create', 'SurvivorMerge')
  @ApiOperation({ summary: 'Merge a duplicate record into this survivor (fresh step-up, a reason; one transaction, audited)' })
  @Returns('SurvivorMergeResponse', { status: 201 })
  merge(@Param('id', UuidPipe) id: string, @Body() body: MergeSurvivorDto): Promise<SurvivorMergeResponse> {
    return this.service.merge(id, { ...body, mergedSurvivorId: body.mergedSurvivorId.toLowerCase() });
  }

  @Get('survivors/:id/merges')
  @Policy('read', 'SurvivorMerge')
  @ApiOperation({ summary: 'The merges into or out of this survivor, newest first, and whether each can still be undone' })
  @Returns('SurvivorMergeResponse', { list: true })
  list(@Param('id', UuidPipe) id: string): Promise<SurvivorMergeResponse[]> {
    return this.service.list(id);
  }

  @Post('survivor-merges/:id/undo')
  @Policy('update', 'SurvivorMerge')
  @HttpCode(200)
  @ApiOperation({ summary: `Undo a merge within 30 days (fresh step-up, a reason): exactly the rows that moved move back` })
  @Returns('SurvivorMergeResponse')
  undo(@Param('id', UuidPipe) id: string, @Body() body: UndoMergeDto): Promise<SurvivorMergeResponse> {
    return this.service.undo(id, body);
  }
}
