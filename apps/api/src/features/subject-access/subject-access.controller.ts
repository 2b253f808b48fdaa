import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SUBJECT_ACCESS_FORMATS, type SubjectAccessFormat } from '@lantern/contracts';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { badRequest } from '../../kernel/http/domain-error.js';
import { Returns } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { accessPackagePdf, type PackageLocale } from './access-package-pdf.js';
import { SubjectAccessService } from './subject-access.service.js';

const LOCALES: readonly PackageLocale[] = ['en', 'es'];

/** Subject access (issue 16, part 4): a survivor's whole record for her, produced by a coordinator (docs/subject-access.md). */
@ApiTags('survivors')
@Controller('survivors')
export class SubjectAccessController {
  constructor(private readonly service: SubjectAccessService) {}

  @Get(':id/access-package')
  @Policy('export', 'Survivor')
  @ApiOperation({ summary: "A survivor's subject access package as a JSON or PDF file (coordinators; fresh step-up; one audit row naming every record)" })
  @ApiQuery({ name: 'format', required: false, enum: SUBJECT_ACCESS_FORMATS, description: 'json (default) or pdf' })
  @ApiQuery({ name: 'locale', required: false, enum: ['en', 'es'], description: "The PDF's language, and that of the custom fields' labels in both formats (default en)" })
  @ApiProduces('application/json', 'application/pdf')
  @Returns('SubjectAccessPackage', { description: 'The package (as an attachment); with format=pdf, the same as a PDF' })
  async package(
    @Param('id', UuidPipe) id: string,
    @Query('format') formatParam: unknown,
    @Query('locale') localeParam: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const format = (formatParam ?? 'json') as SubjectAccessFormat;
    if (!SUBJECT_ACCESS_FORMATS.includes(format)) throw badRequest('format', `must be one of ${SUBJECT_ACCESS_FORMATS.join(', ')}`);
    const locale = (localeParam ?? 'en') as PackageLocale;
    if (!LOCALES.includes(locale)) throw badRequest('locale', `must be one of ${LOCALES.join(', ')}`);
    const pkg = await this.service.build(id, format, locale);
    // The file names no one: a case number (the program's reference) or, without a case, nothing of her.
    const reference = (pkg.cases[0]?.caseNumber as string | undefined)?.replace(/[^A-Za-z0-9-]/g, '') || 'survivor';
    const file = format === 'pdf' ? await accessPackagePdf(pkg, locale) : Buffer.from(JSON.stringify(pkg, null, 2), 'utf8');
    res.header('Cache-Control', 'no-store');
    return new StreamableFile(file, {
      type: format === 'pdf' ? 'application/pdf' : 'application/json; charset=utf-8',
      disposition: `attachment; filename="access-package-${reference}.${format}"`,
      length: file.length,
    });
  }
}
