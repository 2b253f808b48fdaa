import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FormFieldSettingInput } from '@lantern/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, Min } from 'class-validator';

/**
 * PUT /forms/:form. The list's items are checked against the form's registry by `checkFormSettings`
 * (form-rules.ts), which names each bad field; here only the shape of the body.
 */
export class UpdateFormSettingsDto {
  @ApiProperty({ description: "The form's version as read; 0 before any setting. A stale version is refused with 409" })
  @IsInt()
  @Min(0)
  version!: number;

  @ApiProperty({ description: 'One setting per field: key, hidden, required (none, intake_draft, intake_submit, case_close), label and help by language, order within its step' })
  @IsArray()
  @ArrayMaxSize(200)
  fields!: FormFieldSettingInput[];
}

/**
 * POST /forms/:form/import. The document is checked whole by the import itself (form-document-rules.ts),
 * which names the path of each problem in it; here only the shape of the body.
 */
export class ImportFormDto {
  @ApiPropertyOptional({ description: 'Answer what would change and write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiProperty({ description: 'A form document as GET /forms/:form/export gives it (format lantern.form-definition, version 1)' })
  @IsObject()
  document!: Record<string, unknown>;
}
