import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateGoalDto, CreateServicePlanDto, CreateTaskDto, RecordAgreementDto, UpdateGoalDto, UpdateServicePlanDto, UpdateTaskDto } from './dto/service-plan.dto.js';
import { GOAL_LIST, PLAN_LIST, ServicePlansService, TASK_LIST } from './service-plans.service.js';

async function listed(res: Response, spec: ListSpec, page: Promise<Page<unknown>>): Promise<unknown[]> {
  const result = await page;
  res.setHeader('Content-Range', contentRange(spec.resource, result));
  return result.rows;
}

@ApiTags('service-plans')
@Controller('service-plans')
export class ServicePlansController {
  constructor(private readonly service: ServicePlansService) {}

  @Get()
  @Policy('read', 'ServicePlan')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, status, id' })
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    return listed(res, PLAN_LIST, this.service.listPlans(parseListQuery(query, PLAN_LIST)));
  }

  @Get(':id')
  @Policy('read', 'ServicePlan')
  @ApiOperation({ summary: 'A plan with its goals and tasks (audited)' })
  get(@Param('id', UuidPipe) id: string): Promise<unknown> {
    return this.service.getPlan(id);
  }

  @Get(':id/versions')
  @Policy('read', 'ServicePlan')
  @ApiOperation({ summary: 'Agreed revisions: who witnessed, how, when, and the plan as agreed' })
  versions(@Param('id', UuidPipe) id: string): Promise<unknown[]> {
    return this.service.versions(id);
  }

  @Post()
  @Policy('create', 'ServicePlan')
  @Idempotent()
  create(@Body() body: CreateServicePlanDto): Promise<unknown> {
    return this.service.createPlan(body);
  }

  @Put(':id')
  @Policy('update', 'ServicePlan')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateServicePlanDto): Promise<unknown> {
    return this.service.updatePlan(id, body);
  }

  @Patch(':id')
  @Policy('update', 'ServicePlan')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateServicePlanDto): Promise<unknown> {
    return this.service.updatePlan(id, body);
  }

  @Post(':id/agreements')
  @Policy('update', 'ServicePlan')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the survivor's agreement to the current revision" })
  agree(@Param('id', UuidPipe) id: string, @Body() body: RecordAgreementDto): Promise<unknown> {
    return this.service.recordAgreement(id, body);
  }
}

@ApiTags('service-plans')
@Controller('goals')
export class GoalsController {
  constructor(private readonly service: ServicePlansService) {}

  @Get()
  @Policy('read', 'Goal')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: planId, caseId, id' })
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    return listed(res, GOAL_LIST, this.service.listGoals(parseListQuery(query, GOAL_LIST)));
  }

  @Post()
  @Policy('create', 'Goal')
  @Idempotent()
  create(@Body() body: CreateGoalDto): Promise<unknown> {
    return this.service.createGoal(body);
  }

  @Put(':id')
  @Policy('update', 'Goal')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateGoalDto): Promise<unknown> {
    return this.service.updateGoal(id, body);
  }

  @Patch(':id')
  @Policy('update', 'Goal')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateGoalDto): Promise<unknown> {
    return this.service.updateGoal(id, body);
  }
}

@ApiTags('service-plans')
@Controller('tasks')
export class TasksController {
  constructor(private readonly service: ServicePlansService) {}

  @Get()
  @Policy('read', 'Task')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: planId, goalId, caseId, referralId, done (false: still open), id' })
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    return listed(res, TASK_LIST, this.service.listTasks(parseListQuery(query, TASK_LIST)));
  }

  @Post()
  @Policy('create', 'Task')
  @Idempotent()
  create(@Body() body: CreateTaskDto): Promise<unknown> {
    return this.service.createTask(body);
  }

  @Put(':id')
  @Policy('update', 'Task')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateTaskDto): Promise<unknown> {
    return this.service.updateTask(id, body);
  }

  @Patch(':id')
  @Policy('update', 'Task')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateTaskDto): Promise<unknown> {
    return this.service.updateTask(id, body);
  }
}
