import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { SingleLine, Trim } from '../../kernel/http/validators.js';

export class GlobalSearchDto {
  @ApiProperty({ description: 'Part of a case number, an alias or a partner organization name', minLength: 2, maxLength: 80 })
  @Trim()
  @IsString()
  @Length(2, 80)
  @SingleLine()
  q!: string;
}
