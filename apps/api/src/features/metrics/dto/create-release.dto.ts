import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METRIC_MODES, METRIC_TABLES, type MetricMode } from '@lantern/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches } from 'class-validator';
import { IsOneOf } from '../../../kernel/http/validators.js';

const TABLE_IDS = METRIC_TABLES.map((t) => t.id);
/** A catalogue table, or one of the organization's own fields (`custom_<field id>`, `.<option id>`; checked by the service). */
const TABLE_ID = new RegExp(`^(${TABLE_IDS.join('|')}|custom_[0-9a-f-]{36}(\\.[0-9a-f]{12})?)$`);

export class CreateReleaseDto {
  @ApiProperty({ example: '2026-Q2', description: 'A whole calendar quarter (`2026-Q2`) or year (`2026`), frozen 45 days after it ends' })
  @IsString()
  @Matches(/^\d{4}(-Q[1-4])?$/, { message: 'must be a calendar quarter like 2026-Q2 or a year like 2026' })
  period!: string;

  @ApiProperty({ enum: METRIC_MODES, description: '`k`: threshold 11 and rounding to 5; `noise`: geometric noise, ε 0.5 per table from a yearly budget of 4' })
  @IsOneOf(METRIC_MODES, 'mode')
  mode!: MetricMode;

  @ApiPropertyOptional({ type: [String], description: `Tables to release: the catalogue's (${TABLE_IDS.join(', ')}) and the organization's own fields' (\`custom_<field id>\`, GET /metrics/tables); default all; noise releases spend ε per table` })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Matches(TABLE_ID, { each: true, message: 'must be tables of the catalogue or of a field that feeds the metrics' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  tables?: string[];
}
