import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CountResponse, NotificationResponse, UpdatedResponse } from '@lantern/contracts';
import type { FastifyReply as Response } from 'fastify';
import { SignedIn } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { NOTIFICATION_LIST, NotificationsService } from './notifications.service.js';
import { answer, Returns } from '../../kernel/http/openapi.js';

/** Each user's own notifications; nobody reads anyone else's. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly service: NotificationsService) {}

  @Get()
  @SignedIn()
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {"unread": true}' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('NotificationResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<NotificationResponse[]> {
    const page = await this.service.list(parseListQuery(query, NOTIFICATION_LIST));
    res.header('Content-Range', contentRange(NOTIFICATION_LIST.resource, page));
    return answer<NotificationResponse[]>(page.rows);
  }

  @Get('unread-count')
  @SignedIn()
  @ApiOperation({ summary: 'For the bell; poll with X-Lantern-Background: 1 so polling does not keep the session alive' })
  @Returns('CountResponse')
  unreadCount(): Promise<CountResponse> {
    return this.service.unreadCount();
  }

  @Post('read-all')
  @SignedIn()
  @HttpCode(200)
  @Returns('UpdatedResponse')
  readAll(): Promise<UpdatedResponse> {
    return this.service.markAllRead();
  }

  @Post(':id/read')
  @SignedIn()
  @HttpCode(200)
  @Returns('NotificationResponse')
  read(@Param('id', UuidPipe) id: string): Promise<NotificationResponse> {
    return this.service.markRead(id);
  }
}
