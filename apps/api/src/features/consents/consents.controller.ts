import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CONSENT_LIST, ConsentsService } from './consents.service.js';
import { CreateConsentDto, RevokeConsentDto } from './dto/consent.dto.js';

@ApiTags('consents')
@Controller('consents')
export class ConsentsController {
  constructor(private readonly service: ConsentsService) {}

  @Get()
  @Policy('read', 'Consent')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: survivorId, caseId, purpose, partnerOrgId, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    const page = await this.service.list(parseListQuery(query, CONSENT_LIST));
    res.setHeader('Content-Range', contentRange(CONSENT_LIST.resource, page));
    return page.rows;
  }

  @Get(':id')
  @Policy('read', 'Consent')
  get(@Param('id', UuidPipe) id: string): Promise<unknown> {
    return this.service.get(id);
  }

  @Post()
  @Policy('create', 'Consent')
  @Idempotent()
  @ApiOperation({ summary: 'Record a consent (never edited afterwards; revoke and record a new one)' })
  create(@Body() body: CreateConsentDto): Promise<unknown> {
    return this.service.create(body);
  }

  @Post(':id/revoke')
  @Policy('update', 'Consent')
  @HttpCode(200)
  revoke(@Param('id', UuidPipe) id: string, @Body() body: RevokeConsentDto): Promise<unknown> {
    return this.service.revoke(id, body);
  }
}
