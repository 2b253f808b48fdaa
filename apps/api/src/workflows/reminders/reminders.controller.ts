import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { REMINDER_KINDS, type ReminderKind, type ReminderPreferences } from '@lantern/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn } from 'class-validator';
import { SignedIn } from '../../access/authz/access.decorators.js';
import { RemindersService } from './reminders.service.js';
import { Returns } from '../../kernel/http/openapi.js';

export class ReminderPreferencesDto implements ReminderPreferences {
  @ApiProperty({ enum: REMINDER_KINDS, isArray: true, description: 'Reminders this user does not want' })
  @IsArray()
  @ArrayMaxSize(REMINDER_KINDS.length)
  @IsIn(REMINDER_KINDS, { each: true })
  mutedKinds!: ReminderKind[];

  @ApiProperty({ description: 'One e-mail a day with counts and case numbers only' })
  @IsBoolean()
  dailyDigest!: boolean;
}

/** Each signed-in user's own choice of reminders; nobody sets anyone else's. */
@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(private readonly service: RemindersService) {}

  @Get('preferences')
  @SignedIn()
  @ApiOperation({ summary: 'My reminders: the kinds I muted and whether I get the daily digest e-mail' })
  @Returns('ReminderPreferences')
  preferences(): Promise<ReminderPreferences> {
    return this.service.preferences();
  }

  @Put('preferences')
  @SignedIn()
  @Returns('ReminderPreferences')
  setPreferences(@Body() dto: ReminderPreferencesDto): Promise<ReminderPreferences> {
    return this.service.setPreferences(dto);
  }
}
