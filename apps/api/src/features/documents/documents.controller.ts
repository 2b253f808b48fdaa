import { Readable } from 'node:stream';
import type { DocumentResponse, DocumentScanningResponse } from '@lantern/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { answer, Returns, ReturnsFile } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { DOCUMENT_LIST, DocumentReads, type DocumentContent } from './document-reads.js';
import { DocumentsService } from './documents.service.js';
import { DeleteDocumentDto } from './dto/document.dto.js';
import { receiveUpload } from './upload-form.js';

/**
 * Case documents over HTTP (issue 15; docs/documents.md). A file name travels only in the upload's form
 * and in the download's Content-Disposition: never in a URL.
 */
@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly service: DocumentsService,
    private readonly reads: DocumentReads,
  ) {}

  @Get()
  @Policy('read', 'Document')
  @ApiOperation({ summary: 'Documents of a case, or those shared with a partner on a referral (audited read)' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, kind, scanStatus, consentId, referralCase (partners: a referral id), deleted, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('DocumentResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<DocumentResponse[]> {
    const page = await this.reads.list(parseListQuery(query, DOCUMENT_LIST));
    res.header('Content-Range', contentRange(DOCUMENT_LIST.resource, page));
    return answer<DocumentResponse[]>(page.rows);
  }

  /** For the web app's "files are not scanned" warning, and the size limit it tells before an upload. */
  @Get('scanning')
  @Policy('read', 'Document')
  @Returns('DocumentScanningResponse')
  scanning(): DocumentScanningResponse {
    return this.service.scanning();
  }

  @Get(':id')
  @Policy('read', 'Document')
  @Returns('DocumentResponse')
  get(@Param('id', UuidPipe) id: string): Promise<DocumentResponse> {
    return answer<DocumentResponse>(this.reads.get(id));
  }

  /**
   * The file itself: PDF, JPEG and PNG inline (a preview in a new tab), anything else as an attachment;
   * under a sandboxing CSP and nosniff either way. Audited before a byte is sent. A chunk that fails its
   * integrity check aborts the connection: the reader never gets altered or truncated bytes as a whole file.
   */
  @Get(':id/content')
  @Policy('read', 'Document')
  @ApiOperation({ summary: 'Download or preview the file (audited; never while being checked, never when quarantined)' })
  @ReturnsFile('application/octet-stream', 'The file, as uploaded')
  async content(@Param('id', UuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<Readable> {
    const content = await this.reads.openContent(id);
    const body = await primed(content.stream);
    res.header('Content-Type', content.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : content.mediaType);
    res.header('Content-Length', String(content.sizeBytes));
    res.header('Content-Disposition', contentDisposition(content));
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Content-Security-Policy', "sandbox; default-src 'none'");
    res.header('Cache-Control', 'no-store');
    res.header('Cross-Origin-Resource-Policy', 'same-origin');
    return body;
  }

  @Post()
  @Policy('create', 'Document')
  @ApiOperation({ summary: 'Upload a document to a case: multipart/form-data, the fields (caseId, kind, title, expiresOn, consentId, goalId, referralId), then the file as "file"' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['caseId', 'kind', 'title', 'file'],
      properties: {
        caseId: { type: 'string', format: 'uuid' },
        kind: { type: 'string' },
        title: { type: 'string', maxLength: 200 },
        expiresOn: { type: 'string', format: 'date' },
        consentId: { type: 'string', format: 'uuid' },
        goalId: { type: 'string', format: 'uuid' },
        referralId: { type: 'string', format: 'uuid' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @Returns('DocumentResponse', { status: 201 })
  async upload(@Req() request: Request, @Res({ passthrough: true }) res: Response): Promise<DocumentResponse> {
    try {
      return await answer<DocumentResponse>(receiveUpload(request, this.service.settings.maxBytes, (input) => this.service.upload(input)));
    } catch (error) {
      // Refused before the whole body arrived (too large, a bad field): the rest is read and dropped, so
      // the browser, still sending, gets to read the answer; and the connection is not used again.
      request.raw.unpipe();
      request.raw.resume();
      res.header('Connection', 'close');
      throw error;
    }
  }

  @Delete(':id')
  @Policy('update', 'Document')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete a document (soft, with a reason); its content is purged after the retention period' })
  @Returns('DocumentResponse')
  remove(@Param('id', UuidPipe) id: string, @Body() body: DeleteDocumentDto): Promise<DocumentResponse> {
    return answer<DocumentResponse>(this.service.remove(id, body));
  }
}

/**
 * RFC 6266: an ASCII fallback (`filename="..."`, anything else replaced) and the real name in UTF-8
 * (`filename*=UTF-8''...`, RFC 8187 percent-encoding).
 */
export function contentDisposition(content: Pick<DocumentContent, 'disposition' | 'filename'>): string {
  const fallback = content.filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(content.filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${content.disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Reads and checks the first chunk before any header is sent, so a document that fails at once is an
 * ordinary error answer. After that, a failure destroys the stream, and Fastify destroys the connection
 * (headers are sent): the download is visibly cut off, never ended as if it were whole.
 */
async function primed(stream: Readable): Promise<Readable> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* rest(): AsyncGenerator<Buffer> {
    if (first.done) return;
    yield first.value as Buffer;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  }
  const body = Readable.from(rest(), { objectMode: false, highWaterMark: 1 });
  // The reader went away: stop reading chunks.
  body.once('close', () => {
    if (!body.readableEnded) stream.destroy();
  });
  return body;
}
