import type { ServiceDeliveryResponse } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { answer, Returns } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateServiceDeliveryDto, UpdateServiceDeliveryDto, VoidServiceDeliveryDto } from './dto/service-delivery.dto.js';
import { SERVICE_DELIVERY_LIST, ServiceDeliveriesService } from './service-deliveries.service.js';

/** Issue 16, part 1: the services actually given, logged on the case (or, by partner staff, on a referral they accepted). */
@ApiTags('service-deliveries')
@Controller('service-deliveries')
export class ServiceDeliveriesController {
  constructor(private readonly service: ServiceDeliveriesService) {}

  @Get()
  @Policy('read', 'ServiceDelivery')
  @ApiOperation({ summary: 'Services given (audited read): of a case, of a referral, by category or period' })
  @ApiQuery({
    name: 'filter',
    required: false,
    description: 'JSON: caseId, referralId, category, providerKind, partnerOrgId, voided, deliveredFrom, deliveredTo (YYYY-MM-DD), id',
  })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('ServiceDeliveryResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ServiceDeliveryResponse[]> {
    const page = await this.service.list(parseListQuery(query, SERVICE_DELIVERY_LIST));
    res.header('Content-Range', contentRange(SERVICE_DELIVERY_LIST.resource, page));
    return answer<ServiceDeliveryResponse[]>(page.rows);
  }

  @Get(':id')
  @Policy('read', 'ServiceDelivery')
  @Returns('ServiceDeliveryResponse')
  get(@Param('id', UuidPipe) id: string): Promise<ServiceDeliveryResponse> {
    return answer<ServiceDeliveryResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'ServiceDelivery')
  @Idempotent()
  @ApiOperation({ summary: 'Log a service given: staff on a case, partner staff on a referral their organization accepted' })
  @Returns('ServiceDeliveryResponse', { status: 201 })
  create(@Body() body: CreateServiceDeliveryDto): Promise<ServiceDeliveryResponse> {
    return answer<ServiceDeliveryResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'ServiceDelivery')
  @ApiOperation({ summary: 'Correct a service entry (not its case); there is no delete' })
  @Returns('ServiceDeliveryResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateServiceDeliveryDto): Promise<ServiceDeliveryResponse> {
    return answer<ServiceDeliveryResponse>(this.service.update(id, body));
  }

  @Post(':id/void')
  @Policy('update', 'ServiceDelivery')
  @HttpCode(200)
  @ApiOperation({ summary: 'Void an entry logged in error, with a reason (kept, audited, left out of reports; never deleted)' })
  @Returns('ServiceDeliveryResponse')
  void(@Param('id', UuidPipe) id: string, @Body() body: VoidServiceDeliveryDto): Promise<ServiceDeliveryResponse> {
    return answer<ServiceDeliveryResponse>(this.service.void(id, body.version, body.reason));
  }
}
