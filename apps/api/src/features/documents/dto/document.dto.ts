import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsVersion, MultiLine, Trim } from '../../../kernel/http/validators.js';

/** `DELETE /documents/:id`: why (kept on the document, never in the audit) and the version read. */
export class DeleteDocumentDto {
  @ApiProperty({ minLength: 3, maxLength: 500 })
  @Trim()
  @IsString()
  @Length(3, 500, { message: 'reason must say why, in 3 to 500 characters' })
  @MultiLine()
  reason!: string;

  @IsVersion()
  version!: number;
}
