import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Length, Min } from 'class-validator';
import { MultiLine, Trim } from '../../../kernel/http/validators.js';

export class MergeSurvivorDto {
  @ApiProperty({ format: 'uuid', description: 'The duplicate record, merged away into the survivor of the path' })
  @IsUUID('all', { message: 'mergedSurvivorId must be a uuid' })
  mergedSurvivorId!: string;

  @ApiProperty({ minLength: 10, maxLength: 500, description: 'Why staff are sure it is the same person; never her story' })
  @Trim()
  @IsString()
  @Length(10, 500)
  @MultiLine()
  reason!: string;
}

export class UndoMergeDto {
  @ApiProperty({ minLength: 10, maxLength: 500, description: 'Why the merge is undone' })
  @Trim()
  @IsString()
  @Length(10, 500)
  @MultiLine()
  reason!: string;

  @ApiProperty({ description: 'The version of the merge you read' })
  @IsInt()
  @Min(1)
  version!: number;
}
