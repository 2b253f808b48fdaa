import type { ConsentCustomItemResponse, ConsentResponse } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CONSENT_LIST, ConsentsService } from './consents.service.js';
import { CreateConsentDto, RevokeConsentDto } from './dto/consent.dto.js';
import { answer, Returns } from '../../kernel/http/openapi.js';

@ApiTags('consents')
@Controller('consents')
export class ConsentsController {
  constructor(private readonly service: ConsentsService) {}

  @Get()
  @Policy('read', 'Consent')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: survivorId, caseId, purpose, partnerOrgId, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('ConsentResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ConsentResponse[]> {
    const page = await this.service.list(parseListQuery(query, CONSENT_LIST));
    res.header('Content-Range', contentRange(CONSENT_LIST.resource, page));
    return answer<ConsentResponse[]>(page.rows);
  }

  @Get('custom-items')
  @Policy('create', 'Consent')
  @ApiOperation({ summary: "The organization's shareable custom fields a consent to share with a partner may name (cf:<field id>)" })
  @Returns('ConsentCustomItemResponse', { list: true })
  customItems(): Promise<ConsentCustomItemResponse[]> {
    return answer<ConsentCustomItemResponse[]>(this.service.customItems());
  }

  @Get(':id')
  @Policy('read', 'Consent')
  @Returns('ConsentResponse')
  get(@Param('id', UuidPipe) id: string): Promise<ConsentResponse> {
    return answer<ConsentResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'Consent')
  @Idempotent()
  @ApiOperation({ summary: 'Record a consent (never edited afterwards; revoke and record a new one)' })
  @Returns('ConsentResponse', { status: 201 })
  create(@Body() body: CreateConsentDto): Promise<ConsentResponse> {
    return answer<ConsentResponse>(this.service.create(body));
  }

  @Post(':id/revoke')
  @Policy('update', 'Consent')
  @HttpCode(200)
  @Returns('ConsentResponse')
  revoke(@Param('id', UuidPipe) id: string, @Body() body: RevokeConsentDto): Promise<ConsentResponse> {
    return answer<ConsentResponse>(this.service.revoke(id, body));
  }
}
