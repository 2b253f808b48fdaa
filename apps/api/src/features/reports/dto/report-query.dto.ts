import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_FORMATS, REPORT_MAX_YEARS } from '@lantern/contracts';
import { IsOptional } from 'class-validator';

/**
 * The period of a report. Checked by parseReportPeriod (report-period.ts), which names the field that
 * is wrong: missing, not a calendar day, an end before the start, a span over REPORT_MAX_YEARS years.
 */
export class ReportQueryDto {
  @ApiProperty({ type: String, example: '2026-01-01', description: 'The first day of the period (YYYY-MM-DD, UTC)' })
  @IsOptional()
  from?: unknown;

  @ApiProperty({ type: String, example: '2026-03-31', description: `The last day of the period, included; at most ${REPORT_MAX_YEARS} years after the first` })
  @IsOptional()
  to?: unknown;

  @ApiPropertyOptional({ type: String, example: 'case.industry,intake.hasId', description: "The trafficking-grant report's custom section: the organization's fields to count, `<form>.<key>` (GET /reports/custom-fields)" })
  @IsOptional()
  custom?: unknown;
}

export class ReportDownloadQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ type: String, enum: REPORT_FORMATS, description: 'The file: csv (one line per figure) or xlsx (one sheet, a table per section)' })
  @IsOptional()
  format?: unknown;
}
