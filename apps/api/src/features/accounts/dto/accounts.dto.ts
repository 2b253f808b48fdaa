import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES, PASSWORD_MAX_LENGTH, ROLES, type Locale, type Role } from '@lantern/contracts';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';

/** A link's token: 43 base64url characters (256 bits), as kernel/crypto/hashing.ts randomToken makes. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class InviteDto {
  @ApiProperty({ maxLength: 254 })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 120 })
  @IsString()
  @Length(1, 120)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ description: 'Required for partner staff, refused for other roles' })
  @IsOptional()
  @IsUUID('4', { message: 'partnerOrgId must be a UUID' })
  partnerOrgId?: string | null;

  @ApiPropertyOptional({ enum: LOCALES, description: 'The language of the invitation and of the account' })
  @IsOptional()
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;
}

export class InvitationVersionDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class TokenDto {
  @ApiProperty({ description: 'The token from the link (its fragment): never sent in a URL' })
  @IsString()
  @Matches(TOKEN, { message: 'token is not a Lantern link token' })
  token!: string;
}

export class AcceptInvitationDto extends TokenDto {
  @ApiProperty({ minLength: 15, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MaxLength(4 * PASSWORD_MAX_LENGTH)
  password!: string;
}

export class ResetRequestDto {
  @ApiProperty({ maxLength: 254 })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;
}

export class CompleteResetDto extends TokenDto {
  @ApiProperty({ minLength: 15, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MaxLength(4 * PASSWORD_MAX_LENGTH)
  password!: string;
}
