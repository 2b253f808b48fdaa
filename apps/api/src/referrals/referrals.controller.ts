import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Policy } from '../authz/access.decorators.js';
import { contentRange, parseListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { Idempotent } from '../idempotency/idempotency.interceptor.js';
import { CreateReferralDto, ReferralTransitionDto, SuggestionsQueryDto, UpdateReferralDto } from './dto/referral.dto.js';
import { ReferralsService } from './referrals.service.js';

@ApiTags('referrals')
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly service: ReferralsService) {}

  @Get()
  @Policy('read', 'Referral')
  @ApiOperation({ summary: 'Referrals: the board for coordinators, the inbox for partner staff' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: status, partnerOrgId, serviceType, caseId, assignedCaseworkerId, overdue, open, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    const page = await this.service.list(parseListQuery(query, this.service.listSpec));
    res.setHeader('Content-Range', contentRange('referrals', page));
    return page.rows;
  }

  @Get('suggestions')
  @Policy('create', 'Referral')
  @ApiOperation({ summary: 'Partner organizations that could take this referral, best first' })
  suggestions(@Query() query: SuggestionsQueryDto): Promise<unknown[]> {
    return this.service.suggestions(query.caseId, query.serviceType);
  }

  @Get(':id')
  @Policy('read', 'Referral')
  @ApiOperation({ summary: 'One referral; for partner staff with the consented survivor fields (audited disclosure)' })
  get(@Param('id', UuidPipe) id: string): Promise<unknown> {
    return this.service.get(id);
  }

  @Get(':id/timeline')
  @Policy('read', 'Referral')
  timeline(@Param('id', UuidPipe) id: string): Promise<unknown[]> {
    return this.service.timeline(id);
  }

  @Post()
  @Policy('create', 'Referral')
  @Idempotent()
  @ApiOperation({ summary: 'Request (caseworker) or prepare (coordinator) a referral: a draft' })
  create(@Body() body: CreateReferralDto): Promise<unknown> {
    return this.service.create(body);
  }

  @Put(':id')
  @Policy('update', 'Referral')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateReferralDto): Promise<unknown> {
    return this.service.update(id, body);
  }

  @Patch(':id')
  @Policy('update', 'Referral')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateReferralDto): Promise<unknown> {
    return this.service.update(id, body);
  }

  @Post(':id/transitions')
  @Policy('update', 'Referral')
  @HttpCode(200)
  @ApiOperation({ summary: 'draft → sent → accepted | declined → in_progress → completed; cancelled from any open state' })
  transition(@Param('id', UuidPipe) id: string, @Body() body: ReferralTransitionDto): Promise<unknown> {
    return this.service.transition(id, body);
  }
}
