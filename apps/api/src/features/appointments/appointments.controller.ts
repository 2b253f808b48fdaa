import type { AppointmentResponse, CalendarFeedResponse } from '@lantern/contracts';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy, Public } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { APPOINTMENT_LIST, AppointmentsService } from './appointments.service.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { CancelAppointmentDto, CreateAppointmentDto, UpdateAppointmentDto } from './dto/appointment.dto.js';
import { answer, Returns, ReturnsFile } from '../../kernel/http/openapi.js';

@ApiTags('appointments')
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly service: AppointmentsService) {}

  @Get()
  @Policy('read', 'Appointment')
  @ApiOperation({ summary: 'Appointments (audited read): of a case, someone attends, or a week' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, attendeeId, kind, status, partnerOrgId, startsFrom, startsTo, id' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('AppointmentResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<AppointmentResponse[]> {
    const page = await this.service.list(parseListQuery(query, APPOINTMENT_LIST));
    res.header('Content-Range', contentRange(APPOINTMENT_LIST.resource, page));
    return answer<AppointmentResponse[]>(page.rows);
  }

  @Get(':id')
  @Policy('read', 'Appointment')
  @Returns('AppointmentResponse')
  get(@Param('id', UuidPipe) id: string): Promise<AppointmentResponse> {
    return answer<AppointmentResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'Appointment')
  @Idempotent()
  @ApiOperation({ summary: 'Add an appointment; overlaps of its attendees come back as `conflicts` (a warning)' })
  @Returns('AppointmentResponse', { status: 201 })
  create(@Body() body: CreateAppointmentDto): Promise<AppointmentResponse> {
    return answer<AppointmentResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'Appointment')
  @ApiOperation({ summary: 'Change an appointment (not its case); overlaps come back as `conflicts`' })
  @Returns('AppointmentResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateAppointmentDto): Promise<AppointmentResponse> {
    return answer<AppointmentResponse>(this.service.update(id, body));
  }

  @Post(':id/cancel')
  @Policy('update', 'Appointment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an appointment (kept, audited; never deleted)' })
  @Returns('AppointmentResponse')
  cancel(@Param('id', UuidPipe) id: string, @Body() body: CancelAppointmentDto): Promise<AppointmentResponse> {
    return answer<AppointmentResponse>(this.service.cancel(id, body.version));
  }
}

/** The signed-in user's own feed: whether it exists, a new secret URL (shown once), revocation. */
@ApiTags('appointments')
@Controller('calendar-feed')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get()
  @Policy('read', 'Appointment')
  @Returns('CalendarFeedResponse')
  status(): Promise<CalendarFeedResponse> {
    return this.feeds.status();
  }

  @Post()
  @Policy('read', 'Appointment')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create or regenerate your private calendar feed; the URL is shown only in this answer' })
  @Returns('CalendarFeedResponse', { status: 201 })
  create(): Promise<CalendarFeedResponse> {
    return this.feeds.create();
  }

  @Delete()
  @Policy('read', 'Appointment')
  @ApiOperation({ summary: 'Revoke your calendar feed' })
  @Returns('CalendarFeedResponse')
  revoke(): Promise<CalendarFeedResponse> {
    return this.feeds.revoke();
  }
}

/** The feed itself: no session, the secret in the path (never logged: the log keeps the route pattern). */
@ApiTags('appointments')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get(':file')
  @Public()
  @ApiOperation({ summary: 'A private iCalendar feed, GET /calendar/<token>.ics (case numbers and kinds only)' })
  @ReturnsFile('text/calendar', 'An iCalendar file (RFC 5545)')
  async feed(@Param('file') file: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const text = await this.feeds.render(file);
    res.header('Content-Type', 'text/calendar; charset=utf-8');
    res.header('Cache-Control', 'private, no-store');
    res.header('X-Robots-Tag', 'noindex, nofollow');
    return text;
  }
}
