import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreatePartnerOrgDto, UpdatePartnerOrgDto } from './dto/partner-org.dto.js';
import { PARTNER_ORG_LIST } from './partner-orgs.repository.js';
import { PartnerDirectoryService } from './partner-directory.service.js';
import { PartnerOrgsService } from './partner-orgs.service.js';

@ApiTags('partner-orgs')
@Controller('partner-orgs')
export class PartnerOrgsController {
  constructor(
    private readonly service: PartnerOrgsService,
    private readonly directoryService: PartnerDirectoryService,
  ) {}

  @Get()
  @Policy('read', 'PartnerOrg')
  @ApiOperation({ summary: 'List partner organizations (ra-data-simple-rest: filter, range, sort)' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {"q","serviceType","acceptingReferrals","active","id"}' })
  @ApiQuery({ name: 'range', required: false, example: '[0,24]' })
  @ApiQuery({ name: 'sort', required: false, example: '["name","ASC"]' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    const page = await this.service.list(parseListQuery(query, PARTNER_ORG_LIST));
    res.setHeader('Content-Range', contentRange(PARTNER_ORG_LIST.resource, page));
    return page.rows;
  }

  @Get('directory')
  @Policy('read', 'Referral')
  @ApiOperation({ summary: 'Partner directory for referrals: services, area, open capacity, languages, acceptance rate' })
  directory(): Promise<unknown[]> {
    return this.directoryService.list();
  }

  @Get(':id')
  @Policy('read', 'PartnerOrg')
  get(@Param('id', UuidPipe) id: string): Promise<unknown> {
    return this.service.get(id);
  }

  @Post()
  @Policy('create', 'PartnerOrg')
  @Idempotent()
  create(@Body() body: CreatePartnerOrgDto): Promise<unknown> {
    return this.service.create(body);
  }

  @Put(':id')
  @Policy('update', 'PartnerOrg')
  @ApiOperation({ summary: 'Change a partner organization (only the fields sent; `version` required)' })
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdatePartnerOrgDto): Promise<unknown> {
    return this.service.update(id, body);
  }

  @Patch(':id')
  @Policy('update', 'PartnerOrg')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdatePartnerOrgDto): Promise<unknown> {
    return this.service.update(id, body);
  }
}
