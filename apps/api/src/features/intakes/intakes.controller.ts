import type { IntakeResponse, IntakeRevisionResponse } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { AmendIntakeDto, CreateIntakeDto, SubmitIntakeDto, UpdateIntakeDto } from './dto/intake.dto.js';
import { INTAKE_LIST, IntakesService } from './intakes.service.js';
import { answer, Returns } from '../../kernel/http/openapi.js';
import { CustomListFields } from '../custom-fields/index.js';

@ApiTags('intakes')
@Controller('intakes')
export class IntakesController {
  constructor(
    private readonly service: IntakesService,
    private readonly customList: CustomListFields,
  ) {}

  @Get()
  @Policy('read', 'Intake')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, status, id, and custom fields as custom.<key>, custom.<key>_gte, custom.<key>_lte (docs/custom-fields.md)' })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('IntakeResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<IntakeResponse[]> {
    // The organization's intake fields join the filters and sorts; each row carries the values the reader may see.
    const { spec, fields } = await this.customList.spec('intake', INTAKE_LIST);
    const page = await this.service.list(parseListQuery(query, spec), this.customList.rows('intake', fields));
    res.header('Content-Range', contentRange(INTAKE_LIST.resource, page));
    return answer<IntakeResponse[]>(page.rows);
  }

  @Get(':id')
  @Policy('read', 'Intake')
  @ApiOperation({ summary: 'Open an intake (audited)' })
  @Returns('IntakeResponse')
  get(@Param('id', UuidPipe) id: string): Promise<IntakeResponse> {
    return answer<IntakeResponse>(this.service.get(id));
  }

  @Get(':id/revisions')
  @Policy('read', 'Intake')
  @ApiOperation({ summary: 'The intake as it was before each amendment' })
  @Returns('IntakeRevisionResponse', { list: true })
  revisions(@Param('id', UuidPipe) id: string): Promise<IntakeRevisionResponse[]> {
    return answer<IntakeRevisionResponse[]>(this.service.revisions(id));
  }

  @Post()
  @Policy('create', 'Intake')
  @Idempotent()
  @ApiOperation({ summary: 'Start an intake (a draft) for a case' })
  @Returns('IntakeResponse', { status: 201 })
  create(@Body() body: CreateIntakeDto): Promise<IntakeResponse> {
    return answer<IntakeResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'Intake')
  @Returns('IntakeResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateIntakeDto): Promise<IntakeResponse> {
    return answer<IntakeResponse>(this.service.update(id, body));
  }

  @Patch(':id')
  @Policy('update', 'Intake')
  @Returns('IntakeResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateIntakeDto): Promise<IntakeResponse> {
    return answer<IntakeResponse>(this.service.update(id, body));
  }

  @Post(':id/submit')
  @Policy('update', 'Intake')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a complete draft' })
  @Returns('IntakeResponse')
  submit(@Param('id', UuidPipe) id: string, @Body() body: SubmitIntakeDto): Promise<IntakeResponse> {
    return answer<IntakeResponse>(this.service.submit(id, body.version));
  }

  @Post(':id/amendments')
  @Policy('update', 'Intake')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend a submitted intake; the earlier state is kept as a revision' })
  @Returns('IntakeResponse')
  amend(@Param('id', UuidPipe) id: string, @Body() body: AmendIntakeDto): Promise<IntakeResponse> {
    return answer<IntakeResponse>(this.service.amend(id, body));
  }
}
