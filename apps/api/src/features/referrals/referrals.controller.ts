import type { ReferralResponse, ReferralSuggestion, ReferralTimelineEntry } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateReferralDto, ReferralTransitionDto, RerouteReferralDto, SuggestionsQueryDto, UpdateReferralDto } from './dto/referral.dto.js';
import { ReferralReads } from './referral-reads.js';
import { ReferralsService } from './referrals.service.js';
import { answer, Returns, ReturnsFile } from '../../kernel/http/openapi.js';
import { RecordExports } from '../../access/records/record-exports.js';
import { CustomListFields } from '../custom-fields/index.js';

@ApiTags('referrals')
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly service: ReferralsService,
    private readonly reads: ReferralReads,
    private readonly exports: RecordExports,
    private readonly customList: CustomListFields,
  ) {}

  @Get()
  @Policy('read', 'Referral')
  @ApiOperation({ summary: 'Referrals: the board for coordinators, the inbox for partner staff' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: status, partnerOrgId, serviceType, caseId, assignedCaseworkerId, overdue, open, id, and custom fields as custom.<key> (docs/custom-fields.md)' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('ReferralResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ReferralResponse[]> {
    // The organization's referral custom fields join the filters and sorts (docs/custom-fields.md, "In lists").
    const { spec, fields } = await this.customList.spec('referral', this.reads.listSpec);
    const page = await this.reads.list(parseListQuery(query, spec), this.customList.rows('referral', fields));
    res.header('Content-Range', contentRange('referrals', page));
    return answer<ReferralResponse[]>(page.rows);
  }

  @Get('suggestions')
  @Policy('create', 'Referral')
  @ApiOperation({ summary: 'Partner organizations that could take this referral, best first' })
  @Returns('ReferralSuggestion', { list: true })
  suggestions(@Query() query: SuggestionsQueryDto): Promise<ReferralSuggestion[]> {
    return answer<ReferralSuggestion[]>(this.service.suggestions(query.caseId, query.serviceType));
  }

  @Get('export')
  @Policy('read', 'Referral')
  @ApiOperation({ summary: 'The referral board or inbox, with its filters and sort, as CSV (step-up required; at most 10,000 rows; audited)' })
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @ReturnsFile('text/csv', 'A CSV file: the columns are the fields the person may read')
  async export(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    // The board's custom-field filters apply, and each referral field she may read is a column (docs/reports.md, "Part 3").
    const { spec, fields } = await this.customList.spec('referral', this.reads.listSpec);
    return this.exports.csv(res, 'Referral', this.reads.listSpec.resource, parseListQuery(query, spec), (all) => this.reads.list(all, this.customList.exportRows('referral', fields)), this.customList.exportColumns(fields));
  }

  @Get(':id')
  @Policy('read', 'Referral')
  @ApiOperation({ summary: 'One referral; for partner staff with the consented survivor fields (audited disclosure)' })
  @Returns('ReferralResponse')
  get(@Param('id', UuidPipe) id: string): Promise<ReferralResponse> {
    return answer<ReferralResponse>(this.reads.get(id));
  }

  @Get(':id/timeline')
  @Policy('read', 'Referral')
  @Returns('ReferralTimelineEntry', { list: true })
  timeline(@Param('id', UuidPipe) id: string): Promise<ReferralTimelineEntry[]> {
    return answer<ReferralTimelineEntry[]>(this.reads.timeline(id));
  }

  @Post()
  @Policy('create', 'Referral')
  @Idempotent()
  @ApiOperation({ summary: 'Request (caseworker) or prepare (coordinator) a referral: a draft' })
  @Returns('ReferralResponse', { status: 201 })
  create(@Body() body: CreateReferralDto): Promise<ReferralResponse> {
    return answer<ReferralResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'Referral')
  @Returns('ReferralResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateReferralDto): Promise<ReferralResponse> {
    return answer<ReferralResponse>(this.service.update(id, body));
  }

  @Patch(':id')
  @Policy('update', 'Referral')
  @Returns('ReferralResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateReferralDto): Promise<ReferralResponse> {
    return answer<ReferralResponse>(this.service.update(id, body));
  }

  @Post(':id/transitions')
  @Policy('update', 'Referral')
  @HttpCode(200)
  @ApiOperation({ summary: 'draft → sent → accepted | declined → in_progress → completed; cancelled from any open state' })
  @Returns('ReferralResponse')
  transition(@Param('id', UuidPipe) id: string, @Body() body: ReferralTransitionDto): Promise<ReferralResponse> {
    return answer<ReferralResponse>(this.service.transition(id, body));
  }

  @Post(':id/reroute')
  @Policy('create', 'Referral')
  @Idempotent()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Re-route a referral to another partner, in one step',
    description:
      'One move in one transaction. A referral still open (sent, accepted, in_progress) is cancelled with `rerouteReason` ' +
      '(its partner is told it was withdrawn); a declined one is left as it is. A new referral to `partnerOrgId` is created ' +
      "as a draft, or sent at once with `send: true` (coordinators only; the consent gate applies as to any send, " +
      'with `overrideReason` to send without a covering consent). Service, urgency, reason and shared fields are copied ' +
      'from the re-routed referral unless given. The two are linked: `reroutedToId` on the re-routed referral, ' +
      '`reroutedFromId` on the new one; both are audited. Coordinators re-route sent, accepted, in-progress and declined ' +
      'referrals; caseworkers, declined referrals of their own cases (REFERRAL_MOVES_BY_ROLE in @lantern/permissions).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The referral re-routed' })
  @ApiBody({ type: RerouteReferralDto })
  @ApiCreatedResponse({ description: 'The new referral, with `reroutedFromId`' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: this role may not re-route a referral in this state, or send one' })
  @ApiConflictResponse({ description: 'REFERRAL_INVALID_TRANSITION (a draft, completed or cancelled referral), REFERRAL_ALREADY_REROUTED, STALE_VERSION' })
  @ApiUnprocessableEntityResponse({ description: 'REFERRAL_CONSENT_MISSING: sending at once without a live consent covering every shared field' })
  @Returns('ReferralResponse')
  reroute(@Param('id', UuidPipe) id: string, @Body() body: RerouteReferralDto): Promise<ReferralResponse> {
    return answer<ReferralResponse>(this.service.reroute(id, body));
  }
}
