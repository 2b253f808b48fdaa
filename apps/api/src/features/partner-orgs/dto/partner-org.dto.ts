import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { SERVICE_TYPES, type ServiceType } from '@lantern/contracts';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsListOf, IsVersion, PHONE, Text, Trim } from '../../../kernel/http/validators.js';
import { AcceptsRecordAsFetched } from '../../../kernel/http/record-as-fetched.js';

export class CreatePartnerOrgDto {
  @ApiProperty({ maxLength: 200, example: 'Safe Homes' })
  @Text({ min: 1, max: 200, lines: 'one' })
  name!: string;

  @ApiProperty({ enum: SERVICE_TYPES, isArray: true })
  @ArrayMinSize(1)
  @IsListOf(SERVICE_TYPES, 'serviceTypes')
  serviceTypes!: ServiceType[];

  @ApiPropertyOptional({ maxLength: 500, nullable: true, example: 'Cook County' })
  @IsOptional()
  @Text({ max: 500, lines: 'one' })
  serviceArea?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  acceptingReferrals?: boolean;

  @ApiPropertyOptional({ maxLength: 120, nullable: true })
  @IsOptional()
  @Text({ max: 120, lines: 'one' })
  contactName?: string | null;

  @ApiPropertyOptional({ maxLength: 254, nullable: true })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'contactEmail must be an e-mail address' })
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ maxLength: 32, nullable: true, example: '+1 312 555 0100' })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, + ( ) - .)' })
  phone?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'ISO 639 codes of the languages served', example: ['en', 'es'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[a-z]{2,3}$/, { each: true, message: 'languages must be ISO 639 codes (e.g. es)' })
  languages?: string[];
}

@AcceptsRecordAsFetched('PartnerOrg')
export class UpdatePartnerOrgDto extends PartialType(CreatePartnerOrgDto) {
  @IsVersion()
  version!: number;
}
