import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsUUID, ValidateBy, ValidateNested, type ValidationOptions } from 'class-validator';
import { IMPORT_CUSTOM_TARGET, IMPORT_DATE_FORMATS, IMPORT_FIELDS, IMPORT_VOCABULARY_FIELDS, type ImportDateFormat, type ImportTarget, type ImportVocabularyField } from '@lantern/contracts';
import { IsVersion, Text } from '../../../kernel/http/validators.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const shortText = (value: unknown) => typeof value === 'string' && value.length >= 1 && value.length <= 80;

const isTarget = (v: unknown): boolean => (IMPORT_FIELDS as readonly unknown[]).includes(v) || (typeof v === 'string' && IMPORT_CUSTOM_TARGET.test(v));

/** `{ "<column header>": "<Lantern field or custom.<form>.<key>>" }`: at most 100 columns, headers of 1–80 characters. */
function IsColumnMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isColumnMap',
      validator: {
        validate: (value: unknown) =>
          isPlainObject(value) && Object.keys(value).length <= 100 && Object.entries(value).every(([k, v]) => shortText(k) && isTarget(v)),
        defaultMessage: () => `columns must map column headers (1–80 characters) onto ${IMPORT_FIELDS.join(', ')}, custom.survivor.<key> or custom.case.<key>`,
      },
    },
    options,
  );
}

/** `{ "<vocabulary field>": { "<value as in the sheet>": "<code>" } }`: at most 500 values a field. */
function IsValueMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isValueMap',
      validator: {
        validate: (value: unknown) =>
          isPlainObject(value) &&
          Object.entries(value).every(
            ([field, values]) =>
              (IMPORT_VOCABULARY_FIELDS as readonly string[]).includes(field) &&
              isPlainObject(values) &&
              Object.keys(values).length <= 500 &&
              Object.entries(values).every(([k, v]) => shortText(k) && shortText(v)),
          ),
        defaultMessage: () => `values must map, for ${IMPORT_VOCABULARY_FIELDS.join(', ')}, values of the sheet (1–80 characters) onto codes`,
      },
    },
    options,
  );
}

export class ImportMappingDto {
  @ApiProperty({ description: 'Column header → Lantern field, or a custom field as custom.survivor.<key> / custom.case.<key>', example: { Name: 'alias', 'Date of birth': 'dateOfBirth' } })
  @IsObject()
  @IsColumnMap()
  columns!: Record<string, ImportTarget>;

  @ApiProperty({ description: 'Per vocabulary field, the value as in the sheet → the code', example: { exploitationTypes: { 'sex trafficking': 'Sexual' } } })
  @IsObject()
  @IsValueMap()
  values!: Partial<Record<ImportVocabularyField, Record<string, string>>>;

  @ApiProperty({ enum: IMPORT_DATE_FORMATS })
  @IsIn(IMPORT_DATE_FORMATS, { message: `dateFormat must be one of ${IMPORT_DATE_FORMATS.join(', ')}` })
  dateFormat!: ImportDateFormat;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The caseworker a case goes to when its row names none' })
  @IsOptional()
  @IsUUID('all', { message: 'defaultCaseworkerId must be a uuid' })
  defaultCaseworkerId!: string | null;
}

export class SetImportMappingDto {
  @ApiProperty({ type: ImportMappingDto })
  @ValidateNested()
  @Type(() => ImportMappingDto)
  mapping!: ImportMappingDto;

  @IsVersion()
  version!: number;
}

export class SaveImportMappingDto {
  @ApiProperty({ maxLength: 80 })
  @Text({ min: 1, max: 80, lines: 'one' })
  name!: string;

  @ApiProperty({ type: ImportMappingDto })
  @ValidateNested()
  @Type(() => ImportMappingDto)
  mapping!: ImportMappingDto;
}
