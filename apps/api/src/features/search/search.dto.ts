import { ApiProperty } from '@nestjs/swagger';
import {  } from 'class-validator';
import { Text } from '../../kernel/http/validators.js';

export class GlobalSearchDto {
  @ApiProperty({ description: 'Part of a case number, an alias or a partner organization name', minLength: 2, maxLength: 80 })
  @Text({ min: 2, max: 80, lines: 'one' })
  q!: string;
}
