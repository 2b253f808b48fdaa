import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  CONSENT_SHARED_ITEMS,
  CUSTOM_FIELDS_PER_FORM,
  type ConsentMethod,
  type ConsentPurpose,
  type ConsentSharedItem,
} from '@lantern/contracts';
import { ArrayMaxSize, ArrayUnique, IsArray, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsOneOf, Text } from '../../../kernel/http/validators.js';

/** One fixed item (a survivor field, `documents:<kind>`) or a custom field's `cf:<field id>`. */
const SHARED_ITEM = new RegExp(`^(?:${CONSENT_SHARED_ITEMS.join('|')}|cf:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`);

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

  /**
   * Survivor fields, kinds of documents (`documents:housing`, issue 15) and shareable custom fields
   * (`cf:<field id>`, issue 18; `GET /consents/custom-items` lists them) the partner may see.
   */
  @ApiPropertyOptional({ type: String, isArray: true, description: `${CONSENT_SHARED_ITEMS.join(', ')}, or cf:<custom field id>` })
  @IsOptional()
  @IsArray({ message: 'sharedFields must be a list' })
  @ArrayUnique({ message: 'sharedFields must not repeat an item' })
  @ArrayMaxSize(CONSENT_SHARED_ITEMS.length + CUSTOM_FIELDS_PER_FORM)
  @Matches(SHARED_ITEM, { each: true, message: `sharedFields must each be one of ${CONSENT_SHARED_ITEMS.join(', ')}, or cf:<custom field id>` })
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
  @Text({ min: 3, max: 500, lines: 'many' })
  reason!: string;
}
