import type { UserResponse } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { USER_LIST } from './users.repository.js';
import { UsersService } from './users.service.js';
import { answer, Returns, ReturnsFile } from '../../kernel/http/openapi.js';
import { RecordExports } from '../../access/records/record-exports.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly service: UsersService,
    private readonly exports: RecordExports,
  ) {}

  @Get()
  @Policy('read', 'User')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {"q","role","active","partnerOrgId","id"}' })
  @ApiQuery({ name: 'range', required: false, example: '[0,24]' })
  @ApiQuery({ name: 'sort', required: false, example: '["displayName","ASC"]' })
  @Returns('UserResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<UserResponse[]> {
    const page = await this.service.list(parseListQuery(query, USER_LIST));
    res.header('Content-Range', contentRange(USER_LIST.resource, page));
    return answer<UserResponse[]>(page.rows);
  }

  @Get('export')
  @Policy('read', 'User')
  @ApiOperation({ summary: 'The user list, with its filters and sort, as CSV (at most 10,000 rows; audited)' })
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @ReturnsFile('text/csv', 'A CSV file: the columns are the fields the person may read')
  export(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.exports.csv(res, 'User', USER_LIST.resource, parseListQuery(query, USER_LIST), (all) => this.service.list(all));
  }

  @Get(':id')
  @Policy('read', 'User')
  @Returns('UserResponse')
  get(@Param('id', UuidPipe) id: string): Promise<UserResponse> {
    return answer<UserResponse>(this.service.get(id));
  }

  @Post()
  @Policy('create', 'User')
  @Idempotent()
  @Returns('UserResponse', { status: 201 })
  create(@Body() body: CreateUserDto): Promise<UserResponse> {
    return answer<UserResponse>(this.service.create(body));
  }

  @Post(':id/mfa/reset')
  @Policy('update', 'User')
  @HttpCode(200)
  @ApiOperation({ summary: "Turn off another user's two-step verification (a lost phone); needs a fresh step-up, audited" })
  @Returns('UserResponse')
  resetMfa(@Param('id', UuidPipe) id: string): Promise<UserResponse> {
    return answer<UserResponse>(this.service.resetMfa(id));
  }

  @Put(':id')
  @Policy('update', 'User')
  @Returns('UserResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateUserDto): Promise<UserResponse> {
    return answer<UserResponse>(this.service.update(id, body));
  }

  @Patch(':id')
  @Policy('update', 'User')
  @Returns('UserResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateUserDto): Promise<UserResponse> {
    return answer<UserResponse>(this.service.update(id, body));
  }
}
