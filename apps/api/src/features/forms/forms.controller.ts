import type { FormDefinitionResponse } from '@lantern/contracts';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '../../access/authz/access.decorators.js';
import { Returns } from '../../kernel/http/openapi.js';
import { UpdateFormSettingsDto } from './dto/form-settings.dto.js';
import { FormsService } from './forms.service.js';

@ApiTags('forms')
@Controller('forms')
export class FormsController {
  constructor(private readonly service: FormsService) {}

  @Get(':form')
  @Policy('read', 'FormSettings')
  @ApiOperation({ summary: "A form (intake, survivor, case) as the organization has it: its fields' labels, help, order, hidden and required" })
  @Returns('FormDefinitionResponse')
  definition(@Param('form') form: string): Promise<FormDefinitionResponse> {
    return this.service.definition(form);
  }

  @Put(':form')
  @Policy('update', 'FormSettings')
  @ApiOperation({ summary: "Change the organization's settings of a form's built-in fields (admins, with step-up; audited)" })
  @Returns('FormDefinitionResponse')
  update(@Param('form') form: string, @Body() body: UpdateFormSettingsDto): Promise<FormDefinitionResponse> {
    return this.service.update(form, body);
  }
}
