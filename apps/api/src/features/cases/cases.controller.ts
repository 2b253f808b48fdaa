import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CaseResponse } from '@lantern/contracts';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CASE_LIST, CasesService } from './cases.service.js';
import { AssignCaseDto, CaseTransitionDto, CreateCaseDto, UpdateCaseDto } from './dto/case.dto.js';
import { answer, Returns, ReturnsFile } from '../../kernel/http/openapi.js';
import { RecordExports } from '../../access/records/record-exports.js';
import { CustomListFields } from '../custom-fields/index.js';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly service: CasesService,
    private readonly exports: RecordExports,
    private readonly customList: CustomListFields,
  ) {}

  @Get()
  @Policy('read', 'Case')
  @ApiQuery({
    name: 'filter',
    required: false,
    description: 'JSON: status, riskLevel, assignedCaseworkerId, survivorId, caseNumber, id, and custom fields as custom.<key>, custom.<key>_gte, custom.<key>_lte (docs/custom-fields.md)',
  })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @Returns('CaseResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<CaseResponse[]> {
    // The organization's custom fields join the filters and sorts; each row carries the values the reader may see.
    const { spec, fields } = await this.customList.spec('case', CASE_LIST);
    const page = await this.service.list(parseListQuery(query, spec), this.customList.rows('case', fields));
    res.header('Content-Range', contentRange(CASE_LIST.resource, page));
    return answer<CaseResponse[]>(page.rows);
  }

  @Get('export')
  @Policy('read', 'Case')
  @ApiOperation({ summary: 'The case list, with its filters and sort, as CSV (step-up required; at most 10,000 rows; audited)' })
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @ReturnsFile('text/csv', 'A CSV file: the columns are the fields the person may read')
  async export(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    // The list's custom-field filters and sorts apply, and each field she may read is a column (docs/reports.md, "Part 3").
    const { spec, fields } = await this.customList.spec('case', CASE_LIST);
    return this.exports.csv(res, 'Case', CASE_LIST.resource, parseListQuery(query, spec), (all) => this.service.list(all, this.customList.exportRows('case', fields)), this.customList.exportColumns(fields));
  }

  @Get(':id')
  @Policy('read', 'Case')
  @ApiOperation({ summary: 'Open a case (audited)' })
  @Returns('CaseResponse')
  get(@Param('id', UuidPipe) id: string): Promise<CaseResponse> {
    return answer<CaseResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'Case')
  @Idempotent()
  @Returns('CaseResponse', { status: 201 })
  create(@Body() body: CreateCaseDto): Promise<CaseResponse> {
    return answer<CaseResponse>(this.service.create(body));
  }

  @Put(':id')
  @Policy('update', 'Case')
  @Returns('CaseResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateCaseDto): Promise<CaseResponse> {
    return answer<CaseResponse>(this.service.update(id, body));
  }

  @Patch(':id')
  @Policy('update', 'Case')
  @Returns('CaseResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateCaseDto): Promise<CaseResponse> {
    return answer<CaseResponse>(this.service.update(id, body));
  }

  @Post(':id/transitions')
  @Policy('update', 'Case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the status: intake → active ⇄ on_hold (closing and reopening have their own actions)' })
  @Returns('CaseResponse')
  transition(@Param('id', UuidPipe) id: string, @Body() body: CaseTransitionDto): Promise<CaseResponse> {
    return answer<CaseResponse>(this.service.transition(id, body));
  }

  @Post(':id/assign')
  @Policy('update', 'Case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign or reassign the caseworker (coordinators)' })
  @Returns('CaseResponse')
  assign(@Param('id', UuidPipe) id: string, @Body() body: AssignCaseDto): Promise<CaseResponse> {
    return answer<CaseResponse>(this.service.assign(id, body));
  }
}
