import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { Text } from '../../../kernel/http/validators.js';

export class CreateBreakGlassGrantDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'survivorId must be a uuid' })
  survivorId!: string;

  @ApiProperty({ minLength: 10, maxLength: 500, description: 'Why the file must be opened now' })
  @Text({ min: 10, max: 500, lines: 'many' })
  reason!: string;

  @ApiProperty({ description: 'Your password, entered again' })
  @IsString()
  @Length(1, 1024)
  password!: string;
}
