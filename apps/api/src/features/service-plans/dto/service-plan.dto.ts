import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGREEMENT_METHODS,
  GOAL_DOMAINS,
  GOAL_STATUSES,
  PLAN_TYPES,
  TASK_OWNERS,
  type AgreementMethod,
  type GoalDomain,
  type GoalStatus,
  type PlanType,
  type TaskOwner,
} from '@lantern/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { CREATE_CUSTOM, CustomValuesBody, IsCalendarDate } from '../../../kernel/http/validators-extra.js';
import { IsOneOf, IsVersion, Text } from '../../../kernel/http/validators.js';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';


export class CreateServicePlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId!: string;

  @ApiProperty({ enum: PLAN_TYPES, description: 'HTCDS 2.0 support-plan type' })
  @IsOneOf(PLAN_TYPES, 'planType')
  planType!: PlanType;

  @ApiProperty({ format: 'date' })
  @IsDefined({ message: 'startsOn is required' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({ format: 'date', description: 'When the plan is next reviewed with the survivor' })
  @IsDefined({ message: 'reviewDate is required' })
  @IsCalendarDate()
  reviewDate!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The active plan this one replaces (kept, read-only)' })
  @IsOptional()
  @IsUUID('all', { message: 'replacesPlanId must be a uuid' })
  replacesPlanId?: string;
}

@AcceptsRecordAsFetched('ServicePlan')
export class UpdateServicePlanDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ enum: PLAN_TYPES })
  @IsOptional()
  @IsOneOf(PLAN_TYPES, 'planType')
  planType?: PlanType;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  reviewDate?: string;
}

export class RecordAgreementDto {
  @ApiProperty({ description: 'The plan revision the survivor agreed to (must be the current one)' })
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  agreedOn!: string;

  @ApiProperty({ enum: AGREEMENT_METHODS })
  @IsOneOf(AGREEMENT_METHODS, 'method')
  method!: AgreementMethod;

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who witnessed it; defaults to you' })
  @IsOptional()
  @IsUUID('all', { message: 'witnessedBy must be a uuid' })
  witnessedBy?: string;
}

export class CreateGoalDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'planId must be a uuid' })
  planId!: string;

  @ApiProperty({ enum: GOAL_DOMAINS })
  @IsOneOf(GOAL_DOMAINS, 'domain')
  domain!: GoalDomain;

  @ApiProperty({ maxLength: 1000 })
  @Text({ min: 1, max: 1000, lines: 'many' })
  description!: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Referrals that serve this goal' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'referralIds must be uuids' })
  referralIds?: string[];

  @CustomValuesBody(CREATE_CUSTOM)
  custom?: Record<string, unknown>;
}

@AcceptsRecordAsFetched('Goal')
export class UpdateGoalDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ enum: GOAL_DOMAINS })
  @IsOptional()
  @IsOneOf(GOAL_DOMAINS, 'domain')
  domain?: GoalDomain;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Text({ min: 1, max: 1000, lines: 'many' })
  description?: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string | null;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @IsOptional()
  @IsOneOf(GOAL_STATUSES, 'status')
  status?: GoalStatus;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'When the goal was reached (final statuses); defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  reachedOn?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'referralIds must be uuids' })
  referralIds?: string[];
}

export class CreateTaskDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'goalId must be a uuid' })
  goalId!: string;

  @ApiProperty({ maxLength: 500 })
  @Text({ min: 1, max: 500, lines: 'many' })
  description!: string;

  @ApiProperty({ enum: TASK_OWNERS })
  @IsOneOf(TASK_OWNERS, 'owner')
  owner!: TaskOwner;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for a partner task: the referral through which the partner takes it on' })
  @IsOptional()
  @IsUUID('all', { message: 'referralId must be a uuid' })
  referralId?: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;
}

@AcceptsRecordAsFetched('Task')
export class UpdateTaskDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Text({ min: 1, max: 500, lines: 'many' })
  description?: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ description: 'Tick or untick the task' })
  @IsOptional()
  @IsBoolean()
  done?: boolean;
}
