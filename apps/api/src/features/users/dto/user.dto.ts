import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, ROLES, type Role } from '@lantern/contracts';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOneOf, IsVersion, Text, Trim } from '../../../kernel/http/validators.js';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';

export class CreateUserDto {
  @ApiProperty({ maxLength: 254 })
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 120 })
  @Text({ min: 1, max: 120, lines: 'one' })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsOneOf(ROLES, 'role')
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Required for partner staff, forbidden otherwise' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerOrgId must be a uuid' })
  partnerOrgId?: string | null;

  @ApiProperty({ minLength: 15, maxLength: PASSWORD_MAX_LENGTH, description: 'Initial password; share it safely' })
  @IsString()
  @MaxLength(4 * PASSWORD_MAX_LENGTH)
  password!: string;
}

@AcceptsRecordAsFetched('User')
export class UpdateUserDto {
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ maxLength: 254 })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @Text({ min: 1, max: 120, lines: 'one' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsOneOf(ROLES, 'role')
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'partnerOrgId must be a uuid' })
  partnerOrgId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
