import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  CONSENT_SHARED_ITEMS,
  type ConsentMethod,
  type ConsentPurpose,
  type ConsentSharedItem,
} from '@lantern/contracts';
import { IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsListOf, IsOneOf, MultiLine, Trim } from '../../../kernel/http/validators.js';

export class CreateConsentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'survivorId must be a uuid' })
  survivorId!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be a uuid' })
  caseId?: string | null;

  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsOneOf(CONSENT_PURPOSES, 'purpose')
  purpose!: ConsentPurpose;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Required for share_with_partner, forbidden otherwise' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerOrgId must be a uuid' })
  partnerOrgId?: string | null;

  /** Survivor fields, and kinds of documents (`documents:housing`, issue 15) the partner may see. */
  @ApiPropertyOptional({ enum: CONSENT_SHARED_ITEMS, isArray: true })
  @IsOptional()
  @IsListOf(CONSENT_SHARED_ITEMS, 'sharedFields')
  sharedFields?: ConsentSharedItem[];

  @ApiProperty({ enum: CONSENT_METHODS })
  @IsOneOf(CONSENT_METHODS, 'method')
  method!: ConsentMethod;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the survivor agreed; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'grantedAt must be an ISO date-time' })
  grantedAt?: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO date-time' })
  expiresAt?: string | null;
}

export class RevokeConsentDto {
  @ApiProperty({ maxLength: 500 })
  @Trim()
  @IsString()
  @Length(3, 500)
  @MultiLine()
  reason!: string;
}
