import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsUUID, Min } from 'class-validator';
import { Text } from '../../../kernel/http/validators.js';

export class MergeSurvivorDto {
  @ApiProperty({ format: 'uuid', description: 'The duplicate record, merged away into the survivor of the path' })
  @IsUUID('all', { message: 'mergedSurvivorId must be a uuid' })
  mergedSurvivorId!: string;

  @ApiProperty({ minLength: 10, maxLength: 500, description: 'Why staff are sure it is the same person; never her story' })
  @Text({ min: 10, max: 500, lines: 'many' })
  reason!: string;
}

export class UndoMergeDto {
  @ApiProperty({ minLength: 10, maxLength: 500, description: 'Why the merge is undone' })
  @Text({ min: 10, max: 500, lines: 'many' })
  reason!: string;

  @ApiProperty({ description: 'The version of the merge you read' })
  @IsInt()
  @Min(1)
  version!: number;
}
