import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METRIC_MODES, METRIC_TABLES, type MetricMode } from '@lantern/contracts';
import { ArrayMinSize, IsOptional, IsString, Matches } from 'class-validator';
import { IsListOf, IsOneOf } from '../../../kernel/http/validators.js';

const TABLE_IDS = METRIC_TABLES.map((t) => t.id);

export class CreateReleaseDto {
  @ApiProperty({ example: '2026-Q2', description: 'A whole calendar quarter (`2026-Q2`) or year (`2026`), frozen 45 days after it ends' })
  @IsString()
  @Matches(/^\d{4}(-Q[1-4])?$/, { message: 'must be a calendar quarter like 2026-Q2 or a year like 2026' })
  period!: string;

  @ApiProperty({ enum: METRIC_MODES, description: '`k`: threshold 11 and rounding to 5; `noise`: geometric noise, ε 0.5 per table from a yearly budget of 4' })
  @IsOneOf(METRIC_MODES, 'mode')
  mode!: MetricMode;

  @ApiPropertyOptional({ enum: TABLE_IDS, isArray: true, description: 'Catalogue tables to release (default all; noise releases spend ε per table)' })
  @IsOptional()
  @IsListOf(TABLE_IDS, 'tables')
  @ArrayMinSize(1)
  tables?: string[];
}
