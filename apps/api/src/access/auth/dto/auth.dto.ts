import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES, PASSWORD_MAX_LENGTH, type Locale, type UpdateMeBody } from '@lantern/contracts';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'caseworker@harbor.demo', maxLength: 254 })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @Length(1, 1024)
  password!: string;

  @ApiPropertyOptional({ description: 'Six-digit code from the authenticator app', example: '123456' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totp must be six digits' })
  totp?: string;

  @ApiPropertyOptional({ description: 'One of the recovery codes shown at enrolment' })
  @IsOptional()
  @IsString()
  @Length(8, 40)
  recoveryCode?: string;
}

export class StepUpDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totp must be six digits' })
  totp?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  currentPassword!: string;

  @ApiProperty({ minLength: 15, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MaxLength(4 * PASSWORD_MAX_LENGTH)
  newPassword!: string;

  @ApiPropertyOptional({ default: true, description: 'End every other session of this account' })
  @IsOptional()
  @IsBoolean()
  endOtherSessions?: boolean;
}

export class MfaCodeDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}

export class UpdateMeDto implements UpdateMeBody {
  @ApiPropertyOptional({ enum: LOCALES, description: 'The interface language' })
  @IsOptional()
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;
}
