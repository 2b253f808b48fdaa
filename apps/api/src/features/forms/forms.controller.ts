import type { FormDefinitionResponse, FormDocument, FormImportResult } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '../../access/authz/access.decorators.js';
import { Returns } from '../../kernel/http/openapi.js';
import { ImportFormDto, UpdateFormSettingsDto } from './dto/form-settings.dto.js';
import { FormTransferService } from './form-transfer.service.js';
import { FormsService } from './forms.service.js';

@ApiTags('forms')
@Controller('forms')
export class FormsController {
  constructor(
    private readonly service: FormsService,
    private readonly transfer: FormTransferService,
  ) {}

  @Get(':form/export')
  @Policy('update', 'FormSettings')
  @ApiOperation({ summary: "The form as a JSON document to share (admins): settings of its built-in fields and its custom field definitions, never a record's value" })
  @Returns('FormDocument')
  exportForm(@Param('form') form: string): Promise<FormDocument> {
    return this.transfer.exportForm(form);
  }

  @Post(':form/import')
  @HttpCode(200)
  @Policy('update', 'FormSettings')
  @ApiOperation({ summary: 'Import a form document (admins, with step-up; audited): a dry run answers what would change, otherwise all of it is applied or nothing' })
  @Returns('FormImportResult')
  importForm(@Param('form') form: string, @Body() body: ImportFormDto): Promise<FormImportResult> {
    return this.transfer.importForm(form, body.document, body.dryRun === true);
  }

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
