import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DemoMailResponse, MailDeliveryResponse, MailStatusResponse } from '@lantern/contracts';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { Returns } from '../../kernel/http/openapi.js';
import { DEMO_MAIL_LIST, MAIL_DELIVERY_LIST, MailAdminService } from './mail-admin.service.js';

/**
 * E-mail delivery for admins (their organization's mail only). Guarded like the audit log, which only
 * admins read: a delivery row names staff addresses and how their mail fared.
 */
@ApiTags('mail')
@Controller('mail')
export class MailAdminController {
  constructor(private readonly service: MailAdminService) {}

  @Get('deliveries')
  @Policy('read', 'AuditEvent')
  @Returns('MailDeliveryResponse', { list: true })
  @ApiOperation({ summary: 'Outbox mails with their delivery status, SMTP code and last error (never the text)' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {"status": "failed"}' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<MailDeliveryResponse[]> {
    const page = await this.service.list(parseListQuery(query, MAIL_DELIVERY_LIST));
    res.header('Content-Range', contentRange(MAIL_DELIVERY_LIST.resource, page));
    return page.rows;
  }

  @Get('status')
  @Policy('read', 'AuditEvent')
  @Returns('MailStatusResponse')
  @ApiOperation({ summary: 'How mail leaves (smtp, demo, none), what waits, what failed' })
  status(): Promise<MailStatusResponse> {
    return this.service.status();
  }

  @Get('demo-mailbox')
  @Policy('read', 'AuditEvent')
  @Returns('DemoMailResponse', { list: true })
  @ApiOperation({ summary: 'Demo mode only: the mails kept instead of sent' })
  async demoMailbox(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<DemoMailResponse[]> {
    const page = await this.service.demoMailbox(parseListQuery(query, DEMO_MAIL_LIST));
    res.header('Content-Range', contentRange(DEMO_MAIL_LIST.resource, page));
    return page.rows;
  }
}
