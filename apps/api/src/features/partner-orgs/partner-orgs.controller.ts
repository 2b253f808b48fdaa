import type { PartnerDirectoryEntry, PartnerOrgResponse } from '@lantern/contracts';
import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreatePartnerOrgDto, UpdatePartnerOrgDto } from './dto/partner-org.dto.js';
import { PARTNER_ORG_LIST } from './partner-orgs.repository.js';
import { PartnerDirectoryService } from './partner-directory.service.js';
import { PartnerOrgsService } from './partner-orgs.service.js';
import { answer, Returns, ReturnsFile } from '../../kernel/http/openapi.js';
import { RecordExports } from '../../access/records/record-exports.js';

@ApiTags('partner-orgs')
@Controller('partner-orgs')
export class PartnerOrgsController {
  constructor(
    private readonly service: PartnerOrgsService,
    private readonly exports: RecordExports,
    private readonly directoryService: PartnerDirectoryService,
  ) {}

  @Get()
  @Policy('read', 'PartnerOrg')
  @ApiOperation({ summary: 'List partner organizations (ra-data-simple-rest: filter, range, sort)' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {"q","serviceType","acceptingReferrals","active","id"}' })
  @ApiQuery({ name: 'range', required: false, example: '[0,24]' })
  @ApiQuery({ name: 'sort', required: false, example: '["name","ASC"]' })
  @Returns('PartnerOrgResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<PartnerOrgResponse[]> {
    const page = await this.service.list(parseListQuery(query, PARTNER_ORG_LIST));
    res.header('Content-Range', contentRange(PARTNER_ORG_LIST.resource, page));
    return answer<PartnerOrgResponse[]>(page.rows);
  }

  @Get('directory')
  @Policy('read', 'Referral')
  @ApiOperation({ summary: 'Partner directory for referrals: services, area, open capacity, languages, acceptance rate' })
  @Returns('PartnerDirectoryEntry', { list: true })
  directory(): Promise<PartnerDirectoryEntry[]> {
    return answer<PartnerDirectoryEntry[]>(this.directoryService.list());
  }

  @Get('export')
  @Policy('read', 'PartnerOrg')
  @ApiOperation({ summary: 'The partner organization list, with its filters and sort, as CSV (at most 10,000 rows; audited)' })
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @ReturnsFile('text/csv', 'A CSV file: the columns are the fields the person may read')
  export(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.exports.csv(res, 'PartnerOrg', PARTNER_ORG_LIST.resource, parseListQuery(query, PARTNER_ORG_LIST), (all) => this.service.list(all));
  }

  @Get(':id')
  @Policy('read', 'PartnerOrg')
  @Returns('PartnerOrgResponse')
  get(@Param('id', UuidPipe) id: string): Promise<PartnerOrgResponse> {
    return answer<PartnerOrgResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'PartnerOrg')
  @Idempotent()
  @Returns('PartnerOrgResponse', { status: 201 })
  create(@Body() body: CreatePartnerOrgDto): Promise<PartnerOrgResponse> {
    return answer<PartnerOrgResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'PartnerOrg')
  @ApiOperation({ summary: 'Change a partner organization (only the fields sent; `version` required)' })
  @Returns('PartnerOrgResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdatePartnerOrgDto): Promise<PartnerOrgResponse> {
    return answer<PartnerOrgResponse>(this.service.update(id, body));
  }

  @Patch(':id')
  @Policy('update', 'PartnerOrg')
  @Returns('PartnerOrgResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdatePartnerOrgDto): Promise<PartnerOrgResponse> {
    return answer<PartnerOrgResponse>(this.service.update(id, body));
  }
}
