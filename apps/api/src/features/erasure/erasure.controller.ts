import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ErasureRequestResponse, LegalHoldResponse, PurgeRunResponse, RetentionPolicyResponse, RetentionPreviewResponse } from '@lantern/contracts';
import { Policy } from '../../access/authz/access.decorators.js';
import { Returns } from '../../kernel/http/openapi.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { CreateErasureRequestDto, DecideErasureRequestDto, LiftLegalHoldDto, PlaceLegalHoldDto, UpdateRetentionPolicyDto } from './dto/erasure.dto.js';
import { ErasureRequestsService } from './erasure-requests.service.js';
import { RetentionService } from './retention.service.js';

/** Erasure requests, retention, legal holds and the purge report: admins only (docs/retention.md). */
@ApiTags('retention')
@Controller('retention')
export class ErasureController {
  constructor(
    private readonly requests: ErasureRequestsService,
    private readonly retention: RetentionService,
  ) {}

  @Get('erasure-requests')
  @Policy('read', 'Retention')
  @ApiOperation({ summary: 'Erasure requests of the organization, newest first (admins)' })
  @Returns('ErasureRequestResponse', { list: true })
  listRequests(): Promise<ErasureRequestResponse[]> {
    return this.requests.list();
  }

  @Post('erasure-requests')
  @Policy('update', 'Retention')
  @ApiOperation({ summary: 'Ask to anonymize a survivor, named by one of her case numbers (fresh step-up, a reason); a second admin approves' })
  @Returns('ErasureRequestResponse', { status: 201 })
  request(@Body() body: CreateErasureRequestDto): Promise<ErasureRequestResponse> {
    return this.requests.create(body);
  }

  @Post('erasure-requests/:id/approve')
  @Policy('update', 'Retention')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve an erasure request of another admin (fresh step-up): the survivor is anonymized now' })
  @Returns('ErasureRequestResponse')
  approve(@Param('id', UuidPipe) id: string, @Body() body: DecideErasureRequestDto): Promise<ErasureRequestResponse> {
    return this.requests.approve(id, body);
  }

  @Post('erasure-requests/:id/reject')
  @Policy('update', 'Retention')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject an erasure request, or withdraw your own (fresh step-up)' })
  @Returns('ErasureRequestResponse')
  reject(@Param('id', UuidPipe) id: string, @Body() body: DecideErasureRequestDto): Promise<ErasureRequestResponse> {
    return this.requests.reject(id, body);
  }

  @Get('policy')
  @Policy('read', 'Retention')
  @Returns('RetentionPolicyResponse')
  policy(): Promise<RetentionPolicyResponse> {
    return this.retention.policy();
  }

  @Put('policy')
  @Policy('update', 'Retention')
  @ApiOperation({ summary: 'Years closed cases are kept after their last activity, 1 to 50 (fresh step-up; audited)' })
  @Returns('RetentionPolicyResponse')
  updatePolicy(@Body() body: UpdateRetentionPolicyDto): Promise<RetentionPolicyResponse> {
    return this.retention.updatePolicy(body);
  }

  @Get('preview')
  @Policy('read', 'Retention')
  @ApiOperation({ summary: 'Cases the retention job will anonymize in the next 30 days (case numbers and dates only)' })
  @Returns('RetentionPreviewResponse')
  preview(): Promise<RetentionPreviewResponse> {
    return this.retention.preview();
  }

  @Get('reports')
  @Policy('read', 'Retention')
  @ApiOperation({ summary: 'The purge report: each run, with counts and case numbers only' })
  @Returns('PurgeRunResponse', { list: true })
  reports(): Promise<PurgeRunResponse[]> {
    return this.retention.reports();
  }

  @Get('legal-holds')
  @Policy('read', 'Retention')
  @Returns('LegalHoldResponse', { list: true })
  holds(): Promise<LegalHoldResponse[]> {
    return this.retention.holds();
  }

  @Post('legal-holds')
  @Policy('update', 'Retention')
  @ApiOperation({ summary: 'Put a case on legal hold, with a reason: it is never purged while held (audited)' })
  @Returns('LegalHoldResponse', { status: 201 })
  placeHold(@Body() body: PlaceLegalHoldDto): Promise<LegalHoldResponse> {
    return this.retention.placeHold(body);
  }

  @Post('legal-holds/:id/lift')
  @Policy('update', 'Retention')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a legal hold, with a reason (fresh step-up; audited)' })
  @Returns('LegalHoldResponse')
  liftHold(@Param('id', UuidPipe) id: string, @Body() body: LiftLegalHoldDto): Promise<LegalHoldResponse> {
    return this.retention.liftHold(id, body);
  }
}
