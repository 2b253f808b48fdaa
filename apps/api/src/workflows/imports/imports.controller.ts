import type { ImportRunResponse, ImportRunSummary, SavedImportMappingResponse } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { DomainError, badRequest } from '../../kernel/http/domain-error.js';
import { Returns, ReturnsFile } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { SaveImportMappingDto, SetImportMappingDto } from './dto/import.dto.js';
import { IMPORT_MAX_BYTES } from './import-sheet.js';
import { ImportsService } from './imports.service.js';

/**
 * Spreadsheet import (issue 17, part 4; docs/imports.md): admins only. Upload, map, dry run, start (with
 * a step-up), follow the progress, download the rows that failed.
 */
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly service: ImportsService) {}

  @Get()
  @Policy('read', 'Imports')
  @ApiOperation({ summary: 'The organization\'s imports, newest first (the last 50)' })
  @Returns('ImportRunSummary', { list: true })
  list(): Promise<ImportRunSummary[]> {
    return this.service.list();
  }

  @Get('mappings')
  @Policy('read', 'Imports')
  @ApiOperation({ summary: 'Saved column mappings' })
  @Returns('SavedImportMappingResponse', { list: true })
  mappings(): Promise<SavedImportMappingResponse[]> {
    return this.service.mappings();
  }

  @Post('mappings')
  @Policy('create', 'Imports')
  @Idempotent()
  @ApiOperation({ summary: 'Save a column mapping under a name (the same name replaces it)' })
  @Returns('SavedImportMappingResponse', { status: 201 })
  saveMapping(@Body() body: SaveImportMappingDto): Promise<SavedImportMappingResponse> {
    return this.service.saveMapping(body.name, body.mapping);
  }

  @Get(':id')
  @Policy('read', 'Imports')
  @Returns('ImportRunResponse')
  get(@Param('id', UuidPipe) id: string): Promise<ImportRunResponse> {
    return this.service.get(id);
  }

  @Post()
  @Policy('create', 'Imports')
  @ApiOperation({ summary: 'Upload a CSV (UTF-8) or XLSX of survivors and their cases: multipart/form-data with the file as "file"' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @Returns('ImportRunResponse', { status: 201 })
  async upload(@Req() request: Request, @Res({ passthrough: true }) res: Response): Promise<ImportRunResponse> {
    if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_ENCODING', 'Send the sheet as multipart/form-data', { file: ['must be sent as multipart/form-data'] });
    let bytes: Buffer;
    try {
      const part = await request.file({ limits: { fileSize: IMPORT_MAX_BYTES + 1, files: 1 } });
      if (!part || part.fieldname !== 'file') throw badRequest('file', 'is missing');
      bytes = await part.toBuffer();
    } catch (error) {
      request.raw.unpipe();
      request.raw.resume();
      res.header('Connection', 'close');
      if (error instanceof DomainError) throw error;
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw badRequest('file', `is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
      throw badRequest('file', 'could not be read: send it again');
    }
    return this.service.upload(bytes);
  }

  @Put(':id/mapping')
  @Policy('create', 'Imports')
  @ApiOperation({ summary: 'Map the columns and values (the dry run must then run again)' })
  @Returns('ImportRunResponse')
  setMapping(@Param('id', UuidPipe) id: string, @Body() body: SetImportMappingDto): Promise<ImportRunResponse> {
    return this.service.setMapping(id, body.mapping, body.version);
  }

  @Post(':id/dry-run')
  @Policy('create', 'Imports')
  @HttpCode(202)
  @ApiOperation({ summary: 'Check every row with the current mapping, in the background: problems, unmapped values, likely duplicates' })
  @Returns('ImportRunResponse', { status: 202 })
  dryRun(@Param('id', UuidPipe) id: string): Promise<ImportRunResponse> {
    return this.service.startDryRun(id);
  }

  @Post(':id/start')
  @Policy('create', 'Imports')
  @HttpCode(202)
  @ApiOperation({ summary: 'Import the checked rows in the background (step-up required; audited per record)' })
  @Returns('ImportRunResponse', { status: 202 })
  start(@Param('id', UuidPipe) id: string): Promise<ImportRunResponse> {
    return this.service.start(id);
  }

  @Get(':id/failures')
  @Policy('read', 'Imports')
  @ApiOperation({ summary: 'The rows that failed, as uploaded, with the row number and the reason (CSV; audited)' })
  @ReturnsFile('text/csv', 'The failed rows')
  async failures(@Param('id', UuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<Buffer> {
    const body = await this.service.failures(id);
    res.header('Content-Type', 'text/csv; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="lantern-import-failed-rows.csv"`);
    res.header('Cache-Control', 'no-store');
    return body;
  }
}
