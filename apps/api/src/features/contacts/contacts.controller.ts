import type { ContactConversionResponse, ContactResponse, ContactSummaryResponse, DuplicateCheckResult } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { answer, Returns } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CustomListFields } from '../custom-fields/index.js';
import { ContactConversionService } from './contact-conversion.service.js';
import { CONTACT_LIST, ContactsService } from './contacts.service.js';
import { ContactSummaryQueryDto, ConvertContactDto, CreateContactDto, LinkContactDto, UpdateContactDto, VoidContactDto } from './dto/contact.dto.js';

/** Issue 17, part 1: contacts before a case (hotline calls, texts, walk-ins, outreach encounters). */
@ApiTags('contacts')
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly service: ContactsService,
    private readonly conversion: ContactConversionService,
    private readonly customList: CustomListFields,
  ) {}

  @Get()
  @Policy('read', 'Contact')
  @ApiOperation({ summary: 'Contacts (audited read): by channel, period, follow-up, outcome' })
  @ApiQuery({
    name: 'filter',
    required: false,
    description:
      'JSON: channel, outcome, followUpNeeded, survivorId, caseId, staffUserId, voided, occurredFrom, occurredTo (ISO date-time), id, and custom fields as custom.<key>, custom.<key>_gte, custom.<key>_lte (docs/custom-fields.md)',
  })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('ContactResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ContactResponse[]> {
    // The organization's contact fields join the filters and sorts; each row carries the values the reader may see.
    const { spec, fields } = await this.customList.spec('contact', CONTACT_LIST);
    const page = await this.service.list(parseListQuery(query, spec), this.customList.rows('contact', fields));
    res.header('Content-Range', contentRange(CONTACT_LIST.resource, page));
    return answer<ContactResponse[]>(page.rows);
  }

  @Get('summary')
  @Policy('read', 'Contact')
  @ApiOperation({ summary: 'Contacts counted by week, channel and outcome over a period (voided ones left out)' })
  @Returns('ContactSummaryResponse')
  summary(@Query() query: ContactSummaryQueryDto): Promise<ContactSummaryResponse> {
    return this.service.summary(query.from, query.to);
  }

  @Get(':id')
  @Policy('read', 'Contact')
  @Returns('ContactResponse')
  get(@Param('id', UuidPipe) id: string): Promise<ContactResponse> {
    return answer<ContactResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'Contact')
  @Idempotent()
  @ApiOperation({ summary: 'Log a contact (anonymous unless named)' })
  @Returns('ContactResponse', { status: 201 })
  create(@Body() body: CreateContactDto): Promise<ContactResponse> {
    return answer<ContactResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'Contact')
  @ApiOperation({ summary: 'Correct a contact; there is no delete' })
  @Returns('ContactResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateContactDto): Promise<ContactResponse> {
    return answer<ContactResponse>(this.service.update(id, body));
  }

  @Post(':id/link')
  @Policy('update', 'Contact')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link the contact to a survivor you may read' })
  @Returns('ContactResponse')
  link(@Param('id', UuidPipe) id: string, @Body() body: LinkContactDto): Promise<ContactResponse> {
    return answer<ContactResponse>(this.service.link(id, body.version, body.survivorId));
  }

  @Post(':id/duplicates')
  @Policy('update', 'Contact')
  @HttpCode(200)
  @ApiOperation({ summary: 'Likely duplicates of the survivor this contact would become, before converting it (issue 17)' })
  @Returns('DuplicateCheckResult')
  duplicates(@Param('id', UuidPipe) id: string): Promise<DuplicateCheckResult> {
    return this.conversion.duplicates(id);
  }

  @Post(':id/convert')
  @Policy('update', 'Contact')
  @Idempotent()
  @HttpCode(201)
  @ApiOperation({ summary: 'Convert the contact into a new survivor, case and intake draft, in one step' })
  @Returns('ContactConversionResponse', { status: 201 })
  convert(@Param('id', UuidPipe) id: string, @Body() body: ConvertContactDto): Promise<ContactConversionResponse> {
    return answer<ContactConversionResponse>(this.conversion.convert(id, body.version, body.alias, body.custom));
  }

  @Post(':id/void')
  @Policy('update', 'Contact')
  @HttpCode(200)
  @ApiOperation({ summary: 'Void a contact logged in error, with a reason (kept, audited, out of the counts; never deleted)' })
  @Returns('ContactResponse')
  void(@Param('id', UuidPipe) id: string, @Body() body: VoidContactDto): Promise<ContactResponse> {
    return answer<ContactResponse>(this.service.void(id, body.version, body.reason));
  }
}
