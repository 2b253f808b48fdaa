import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JobRunResponse, JobSummaryResponse } from '@lantern/contracts';
import { Policy } from '../../access/authz/access.decorators.js';
import { Returns } from '../../kernel/http/openapi.js';
import { JobsAdminService } from './jobs-admin.service.js';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly service: JobsAdminService) {}

  @Get()
  @Policy('read', 'Jobs')
  @ApiOperation({ summary: 'The background jobs: last run, its state, next run, failures of the last day, last error (admins)' })
  @Returns('JobSummaryResponse', { list: true })
  list(): Promise<JobSummaryResponse[]> {
    return this.service.list();
  }

  @Post(':name/run')
  @Policy('update', 'Jobs')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue one run of a job now (admins, with a fresh step-up); audited' })
  @Returns('JobRunResponse', { status: 202 })
  run(@Param('name') name: string): Promise<JobRunResponse> {
    return this.service.runNow(name);
  }
}
