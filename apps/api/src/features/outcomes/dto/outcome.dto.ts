import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ASSESSMENT_STAGES,
  EDUCATION_STATUSES,
  EMPLOYMENT_STATUSES,
  INCOME_CHANGES,
  type AssessmentStage,
  type EducationStatus,
  type EmploymentStatus,
  type IncomeChange,
} from '@lantern/contracts';
import { IsBoolean, IsDefined, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CREATE_CUSTOM, CustomValuesBody, IsCalendarDate } from '../../../kernel/http/validators-extra.js';
import { IsOneOf, IsVersion } from '../../../kernel/http/validators.js';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';

export class OutcomeFieldsDto {
  @ApiPropertyOptional({ description: 'HUD HMIS FY2024 living situation code (e.g. 410 rental, 101 emergency shelter)' })
  @IsOptional()
  @IsInt()
  housingSituation?: number | null;

  @ApiPropertyOptional({ enum: EMPLOYMENT_STATUSES })
  @IsOptional()
  @IsOneOf(EMPLOYMENT_STATUSES, 'employment')
  employment?: EmploymentStatus | null;

  @ApiPropertyOptional({ enum: EDUCATION_STATUSES })
  @IsOptional()
  @IsOneOf(EDUCATION_STATUSES, 'education')
  education?: EducationStatus | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, description: 'Monthly income from all sources' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  monthlyIncome?: number | null;

  @ApiPropertyOptional({ enum: INCOME_CHANGES, description: 'Derived from the previous stage when omitted and both incomes are known' })
  @IsOptional()
  @IsOneOf(INCOME_CHANGES, 'incomeChange')
  incomeChange?: IncomeChange | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  safetyRating?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  returnedToTrafficker?: boolean | null;
}

export class CreateOutcomeDto extends OutcomeFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;

  @ApiProperty({ enum: ASSESSMENT_STAGES })
  @IsOneOf(ASSESSMENT_STAGES, 'stage')
  stage!: AssessmentStage;

  @ApiProperty({ format: 'date' })
  @IsDefined({ message: 'assessedOn is required' })
  @IsCalendarDate()
  assessedOn!: string;

  @CustomValuesBody(CREATE_CUSTOM)
  custom?: Record<string, unknown>;
}

@AcceptsRecordAsFetched('OutcomeAssessment')
export class UpdateOutcomeDto extends OutcomeFieldsDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  assessedOn?: string;
}
