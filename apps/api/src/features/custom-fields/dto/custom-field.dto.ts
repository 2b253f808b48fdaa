import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, ROLES, type CustomFieldEntity, type CustomFieldType, type Role } from '@lantern/contracts';
import { IsArray, IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { IsListOf, IsOneOf, IsVersion } from '../../../kernel/http/validators.js';

/**
 * Labels, help and options are checked by the service (custom-field-rules.ts), which names the exact
 * part of the field that is wrong (`options[2].label.en`).
 */
class CustomFieldSettingsDto {
  @ApiPropertyOptional({ description: 'Labels by language: { en, es? }' })
  @IsOptional()
  @IsObject()
  label?: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true, description: 'Help text by language: { en, es? }' })
  @IsOptional()
  @IsObject()
  help?: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'Choice fields: the whole list; an existing option by its id, a new one without', isArray: true })
  @IsOptional()
  @IsArray()
  options?: unknown[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ enum: ['new', 'backfill'], description: 'Needed when a required field meets records that already exist' })
  @IsOptional()
  @IsIn(['new', 'backfill'])
  applyTo?: 'new' | 'backfill';

  @ApiPropertyOptional({ description: "With applyTo 'backfill': the value given to every existing record" })
  @IsOptional()
  backfillValue?: unknown;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsListOf(ROLES, 'readRoles')
  readRoles?: Role[];

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsListOf(ROLES, 'writeRoles')
  writeRoles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  shareable?: boolean;

  @ApiPropertyOptional({ description: 'Only choice and yes/no fields' })
  @IsOptional()
  @IsBoolean()
  metrics?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max?: number | null;

  @ApiPropertyOptional({ description: "Intake fields: the stepper's step it shows in (one of the intake form's steps); null, the group before the review" })
  @IsOptional()
  @IsString({ message: 'step must be a step of the intake' })
  step?: string | null;
}

export const FIELD_KEY = /^[a-z][a-zA-Z0-9]{0,59}$/;

export class CreateCustomFieldDto extends CustomFieldSettingsDto {
  @ApiProperty({ enum: CUSTOM_FIELD_ENTITIES })
  @IsOneOf(CUSTOM_FIELD_ENTITIES, 'entity')
  entity!: CustomFieldEntity;

  @ApiProperty({ example: 'industry', description: 'camelCase, unique per form, not a built-in field of the entity' })
  @IsString()
  @Matches(FIELD_KEY, { message: 'must be camelCase letters and digits, starting with a lower-case letter (at most 60)' })
  key!: string;

  @ApiProperty({ enum: CUSTOM_FIELD_TYPES })
  @IsOneOf(CUSTOM_FIELD_TYPES, 'type')
  type!: CustomFieldType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  pii?: boolean;
}

export class UpdateCustomFieldDto extends CustomFieldSettingsDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ description: 'A new key: the values stay (they are kept by field id)' })
  @IsOptional()
  @IsString()
  @Matches(FIELD_KEY, { message: 'must be camelCase letters and digits, starting with a lower-case letter (at most 60)' })
  key?: string;

  @ApiPropertyOptional({ enum: CUSTOM_FIELD_TYPES, description: 'Refused once the field has values: add a new field instead' })
  @IsOptional()
  @IsOneOf(CUSTOM_FIELD_TYPES, 'type')
  type?: CustomFieldType;

  @ApiPropertyOptional({ description: 'Refused once the field has values' })
  @IsOptional()
  @IsBoolean()
  pii?: boolean;
}

export class RetireCustomFieldDto {
  @IsVersion()
  version!: number;
}

/**
 * A change of a record's custom values: only the keys sent change (null clears one). A stock react-admin
 * client sends back the record as it fetched it: `id`, `entity` and `fields` are accepted and ignored
 * (values it echoes unchanged need no write permission).
 */
export class UpdateCustomValuesDto {
  @IsVersion()
  version!: number;

  @ApiProperty({ description: 'Values by field key' })
  @IsObject()
  values!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Ignored (echoed by react-admin)' })
  @IsOptional()
  @IsString()
  id?: string;

  @ApiPropertyOptional({ description: 'Ignored (echoed by react-admin)' })
  @IsOptional()
  @IsString()
  entity?: string;

  @ApiPropertyOptional({ description: 'Ignored (echoed by react-admin)' })
  @IsOptional()
  @IsArray()
  fields?: unknown[];
}
