import { applyDecorators, Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FunderReportResponse, ReportCustomFieldResponse, ReportKind } from '@lantern/contracts';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { Returns } from '../../kernel/http/openapi.js';
import { ReportDownloadQueryDto, ReportQueryDto } from './dto/report-query.dto.js';
import { REPORT_MIME } from './report-files.js';
import { ReportsService } from './reports.service.js';

/** A download in either format: CSV (one line per figure) or XLSX. */
function ReturnsReportFile(): MethodDecorator {
  const binary = { schema: { type: 'string', format: 'binary' } };
  return applyDecorators(
    ApiProduces(REPORT_MIME.csv, REPORT_MIME.xlsx),
    ApiResponse({ status: 200, description: 'The report as a file', content: { [REPORT_MIME.csv]: binary, [REPORT_MIME.xlsx]: binary } }),
  );
}

/**
 * Funder reports with exact counts (issue 16, part 2; docs/reports.md): admins and coordinators of the
 * organization, each run with a fresh step-up and audited. The period is `from` and `to`, both days
 * included; files are `?format=csv|xlsx`.
 */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly service: ReportsService) {}

  @Get('trafficking-grant')
  @Policy('read', 'FunderReports')
  @ApiOperation({ summary: 'Trafficking-grant quarterly report over any period (step-up required; audited)' })
  @Returns('FunderReportResponse')
  traffickingGrant(@Query() query: ReportQueryDto): Promise<FunderReportResponse> {
    return this.service.show('trafficking_grant', query.from, query.to, query.custom);
  }

  @Get('trafficking-grant/download')
  @Policy('export', 'FunderReports')
  @ApiOperation({ summary: 'The trafficking-grant report as CSV or XLSX (step-up required; audited; 422 for a period with nothing in it)' })
  @ReturnsReportFile()
  traffickingGrantFile(@Query() query: ReportDownloadQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.file('trafficking_grant', query, res);
  }

  @Get('custom-fields')
  @Policy('read', 'FunderReports')
  @ApiOperation({ summary: "The organization's fields a trafficking-grant report's custom section may count: choices, yes/no and numbers of cases and intakes, never PII" })
  @Returns('ReportCustomFieldResponse', { list: true })
  customFields(): Promise<ReportCustomFieldResponse[]> {
    return this.service.reportableFields();
  }

  @Get('caseload')
  @Policy('read', 'FunderReports')
  @ApiOperation({ summary: 'Caseload per caseworker and for the whole program over any period (step-up required; audited)' })
  @Returns('FunderReportResponse')
  caseload(@Query() query: ReportQueryDto): Promise<FunderReportResponse> {
    return this.service.show('caseload', query.from, query.to, query.custom);
  }

  @Get('caseload/download')
  @Policy('export', 'FunderReports')
  @ApiOperation({ summary: 'The caseload report as CSV or XLSX (step-up required; audited; 422 for a period with nothing in it)' })
  @ReturnsReportFile()
  caseloadFile(@Query() query: ReportDownloadQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.file('caseload', query, res);
  }

  @Get('hmis-csv/download')
  @Policy('export', 'FunderReports')
  @ApiOperation({ summary: 'The HMIS CSV export (FY2024) of the period as a zip of CSV files, exact records for a comparable database (step-up required; audited; 422 for a period with nothing in it)' })
  @ApiProduces('application/zip')
  @ApiResponse({ status: 200, description: 'The zip of the HMIS CSV files', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  async hmisCsv(@Query() query: ReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { file, filename } = await this.service.hmisCsv(query);
    // Survivors' records: never kept by a shared cache or the browser's.
    res.header('Cache-Control', 'no-store');
    return new StreamableFile(file, { type: 'application/zip', disposition: `attachment; filename="${filename}"`, length: file.length });
  }

  private async file(kind: ReportKind, query: ReportDownloadQueryDto, res: Response): Promise<StreamableFile> {
    const { file, filename, format } = await this.service.download(kind, query);
    // Exact counts of a program: never kept by a shared cache or the browser's.
    res.header('Cache-Control', 'no-store');
    return new StreamableFile(file, { type: REPORT_MIME[format], disposition: `attachment; filename="${filename}"`, length: file.length });
  }
}
