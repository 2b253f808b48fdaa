import { CUSTOM_FIELD_ENTITIES, type CustomFieldEntity, type CustomFieldResponse, type CustomFieldVersionResponse, type CustomFormResponse, type CustomValuesResponse, type ReadableCustomFieldResponse } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy, SignedIn } from '../../access/authz/access.decorators.js';
import { badRequest } from '../../kernel/http/domain-error.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { Returns } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { CUSTOM_FIELD_LIST, CustomFieldsService } from './custom-fields.service.js';
import { CustomValuesService } from './custom-values.service.js';
import { readableFields } from './readable-fields.js';
import { CreateCustomFieldDto, RetireCustomFieldDto, UpdateCustomFieldDto, UpdateCustomValuesDto } from './dto/custom-field.dto.js';

/** Issue 18: the organization's custom fields, for its admins (docs/custom-fields.md). */
@ApiTags('custom-fields')
@Controller('custom-fields')
export class CustomFieldsController {
  constructor(private readonly service: CustomFieldsService) {}

  @Get()
  @Policy('read', 'CustomFields')
  @ApiOperation({ summary: 'The custom fields of every form of the organization, retired ones too' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: entity, type, retired' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('CustomFieldResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<CustomFieldResponse[]> {
    const page = await this.service.list(parseListQuery(query, CUSTOM_FIELD_LIST));
    res.header('Content-Range', contentRange(CUSTOM_FIELD_LIST.resource, page));
    return page.rows;
  }

  @Get('readable')
  @SignedIn()
  @ApiOperation({ summary: 'The fields of one form your role may read, to show their values and offer them as list columns, filters and sorts (not retired; no partner staff)' })
  @ApiQuery({ name: 'entity', required: true, enum: CUSTOM_FIELD_ENTITIES })
  @Returns('ReadableCustomFieldResponse', { list: true })
  readable(@Query('entity') entity: unknown): Promise<ReadableCustomFieldResponse[]> {
    if (typeof entity !== 'string' || !(CUSTOM_FIELD_ENTITIES as readonly string[]).includes(entity)) throw badRequest('entity', `must be one of ${CUSTOM_FIELD_ENTITIES.join(', ')}`);
    return readableFields(entity as CustomFieldEntity, this.service);
  }

  @Get(':id')
  @Policy('read', 'CustomFields')
  @Returns('CustomFieldResponse')
  get(@Param('id', UuidPipe) id: string): Promise<CustomFieldResponse> {
    return this.service.get(id);
  }

  @Get(':id/versions')
  @Policy('read', 'CustomFields')
  @ApiOperation({ summary: 'Every version of the definition, oldest first' })
  @Returns('CustomFieldVersionResponse', { list: true })
  async versions(@Param('id', UuidPipe) id: string): Promise<CustomFieldVersionResponse[]> {
    return (await this.service.versions(id)).map((v) => ({
      id: v.id,
      fieldId: v.fieldId,
      version: v.fieldVersion,
      definition: v.definition as unknown as CustomFieldVersionResponse['definition'],
      changedBy: v.createdBy,
      changedAt: v.createdAt.toISOString(),
    }));
  }

  @Post()
  @Policy('create', 'CustomFields')
  @ApiOperation({ summary: 'Add a custom field to a form' })
  @Returns('CustomFieldResponse', { status: 201 })
  create(@Body() body: CreateCustomFieldDto): Promise<CustomFieldResponse> {
    return this.service.create(body);
  }

  @Put(':id')
  @Policy('update', 'CustomFields')
  @ApiOperation({ summary: 'Change a custom field: a new version; the values stay' })
  @Returns('CustomFieldResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateCustomFieldDto): Promise<CustomFieldResponse> {
    return this.service.update(id, body);
  }

  @Post(':id/retire')
  @Policy('update', 'CustomFields')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a custom field: it leaves the forms, its values stay readable' })
  @Returns('CustomFieldResponse')
  retire(@Param('id', UuidPipe) id: string, @Body() body: RetireCustomFieldDto): Promise<CustomFieldResponse> {
    return this.service.retire(id, body.version);
  }
}

/**
 * A record's custom values (issue 18): `GET`/`PUT /custom-values/{survivor|case|intake|contact|goal|outcome-assessment|referral}/{id}`,
 * so a stock react-admin client uses them as the resource `custom-values/case` whose record id is the case's id.
 */
@ApiTags('custom-fields')
@Controller('custom-values')
export class CustomValuesController {
  constructor(private readonly service: CustomValuesService) {}

  @Get('survivor/new')
  @Policy('create', 'Survivor')
  @ApiOperation({ summary: "The custom fields your role may give a survivor in its create body (`custom`)" })
  @Returns('CustomFormResponse')
  newSurvivor(): Promise<CustomFormResponse> {
    return this.service.newRecordForm('survivor');
  }

  @Get('survivor/:id')
  @Policy('read', 'Survivor')
  @ApiOperation({ summary: "A survivor's custom values (audited read): only the fields your role may read" })
  @Returns('CustomValuesResponse')
  getSurvivor(@Param('id', UuidPipe) id: string): Promise<CustomValuesResponse> {
    return this.service.get('survivor', id);
  }

  @Put('survivor/:id')
  @Policy('update', 'Survivor')
  @ApiOperation({ summary: "Change a survivor's custom values: only the keys sent; null clears one" })
  @Returns('CustomValuesResponse')
  updateSurvivor(@Param('id', UuidPipe) id: string, @Body() body: UpdateCustomValuesDto): Promise<CustomValuesResponse> {
    return this.service.update('survivor', id, body.version, body.values);
  }

  @Get('case/:id')
  @Policy('read', 'Case')
  @ApiOperation({ summary: "A case's custom values (audited read): only the fields your role may read" })
  @Returns('CustomValuesResponse')
  getCase(@Param('id', UuidPipe) id: string): Promise<CustomValuesResponse> {
    return this.service.get('case', id);
  }

  @Put('case/:id')
  @Policy('update', 'Case')
  @ApiOperation({ summary: "Change a case's custom values: only the keys sent; null clears one" })
  @Returns('CustomValuesResponse')
  updateCase(@Param('id', UuidPipe) id: string, @Body() body: UpdateCustomValuesDto): Promise<CustomValuesResponse> {
    return this.service.update('case', id, body.version, body.values);
  }

  @Get('intake/new')
  @Policy('create', 'Intake')
  @ApiOperation({ summary: "The custom fields your role may give an intake when its draft is started (`custom` of POST /intakes)" })
  @Returns('CustomFormResponse')
  newIntake(): Promise<CustomFormResponse> {
    return this.service.newRecordForm('intake');
  }

  @Get('intake/:id')
  @Policy('read', 'Intake')
  @ApiOperation({ summary: "An intake's custom values (audited read): only the fields your role may read" })
  @Returns('CustomValuesResponse')
  getIntake(@Param('id', UuidPipe) id: string): Promise<CustomValuesResponse> {
    return this.service.get('intake', id);
  }

  @Put('intake/:id')
  @Policy('update', 'Intake')
  @ApiOperation({ summary: "Change an intake's custom values (a draft's): only the keys sent; null clears one" })
  @Returns('CustomValuesResponse')
  updateIntake(@Param('id', UuidPipe) id: string, @Body() body: UpdateCustomValuesDto): Promise<CustomValuesResponse> {
    return this.service.update('intake', id, body.version, body.values);
  }

  @Get('contact/new')
  @Policy('create', 'Contact')
  @ApiOperation({ summary: "The custom fields your role may give a contact in its create body (`custom`)" })
  @Returns('CustomFormResponse')
  newContact(): Promise<CustomFormResponse> {
    return this.service.newRecordForm('contact');
  }

  @Get('contact/:id')
  @Policy('read', 'Contact')
  @ApiOperation({ summary: "A contact's custom values (audited read): only the fields your role may read" })
  @Returns('CustomValuesResponse')
  getContact(@Param('id', UuidPipe) id: string): Promise<CustomValuesResponse> {
    return this.service.get('contact', id);
  }

  @Put('contact/:id')
  @Policy('update', 'Contact')
  @ApiOperation({ summary: "Change a contact's custom values: only the keys sent; null clears one" })
  @Returns('CustomValuesResponse')
  updateContact(@Param('id', UuidPipe) id: string, @Body() body: UpdateCustomValuesDto): Promise<CustomValuesResponse> {
    return this.service.update('contact', id, body.version, body.values);
  }

  @Get('goal/new')
  @Policy('create', 'Goal')
  @ApiOperation({ summary: "The custom fields your role may give a plan goal in its create body (`custom`)" })
  @Returns('CustomFormResponse')
  newGoal(): Promise<CustomFormResponse> {
    return this.service.newRecordForm('goal');
  }

  @Get('goal/:id')
  @Policy('read', 'Goal')
  @ApiOperation({ summary: "A plan goal's custom values (audited read): only the fields your role may read" })
  @Returns('CustomValuesResponse')
  getGoal(@Param('id', UuidPipe) id: string): Promise<CustomValuesResponse> {
    return this.service.get('goal', id);
  }

  @Put('goal/:id')
  @Policy('update', 'Goal')
  @ApiOperation({ summary: "Change a plan goal's custom values: only the keys sent; null clears one" })
  @Returns('CustomValuesResponse')
  updateGoal(@Param('id', UuidPipe) id: string, @Body() body: UpdateCustomValuesDto): Promise<CustomValuesResponse> {
    return this.service.update('goal', id, body.version, body.values);
  }

  @Get('outcome-assessment/new')
  @Policy('create', 'OutcomeAssessment')
  @ApiOperation({ summary: "The custom fields your role may give an outcome assessment in its create body (`custom`)" })
  @Returns('CustomFormResponse')
  newOutcomeAssessment(): Promise<CustomFormResponse> {
    return this.service.newRecordForm('outcomeAssessment');
  }

  @Get('outcome-assessment/:id')
  @Policy('read', 'OutcomeAssessment')
  @ApiOperation({ summary: "An outcome assessment's custom values (audited read): only the fields your role may read" })
  @Returns('CustomValuesResponse')
  getOutcomeAssessment(@Param('id', UuidPipe) id: string): Promise<CustomValuesResponse> {
    return this.service.get('outcomeAssessment', id);
  }

  @Put('outcome-assessment/:id')
  @Policy('update', 'OutcomeAssessment')
  @ApiOperation({ summary: "Change an outcome assessment's custom values: only the keys sent; null clears one" })
  @Returns('CustomValuesResponse')
  updateOutcomeAssessment(@Param('id', UuidPipe) id: string, @Body() body: UpdateCustomValuesDto): Promise<CustomValuesResponse> {
    return this.service.update('outcomeAssessment', id, body.version, body.values);
  }

  @Get('referral/new')
  @Policy('create', 'Referral')
  @ApiOperation({ summary: "The custom fields your role may give a referral in its create body (`custom`)" })
  @Returns('CustomFormResponse')
  newReferral(): Promise<CustomFormResponse> {
    return this.service.newRecordForm('referral');
  }

  @Get('referral/:id')
  @Policy('read', 'Referral')
  @ApiOperation({ summary: "A referral's custom values (audited read): only the fields your role may read" })
  @Returns('CustomValuesResponse')
  getReferral(@Param('id', UuidPipe) id: string): Promise<CustomValuesResponse> {
    return this.service.get('referral', id);
  }

  @Put('referral/:id')
  @Policy('update', 'Referral')
  @ApiOperation({ summary: "Change a referral's custom values: only the keys sent; null clears one" })
  @Returns('CustomValuesResponse')
  updateReferral(@Param('id', UuidPipe) id: string, @Body() body: UpdateCustomValuesDto): Promise<CustomValuesResponse> {
    return this.service.update('referral', id, body.version, body.values);
  }
}
