import type { GoalResponse, ServicePlanResponse, ServicePlanVersionResponse, TaskResponse } from '@lantern/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Policy } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { Idempotent } from '../../kernel/idempotency/idempotency.interceptor.js';
import { CreateGoalDto, CreateServicePlanDto, CreateTaskDto, RecordAgreementDto, UpdateGoalDto, UpdateServicePlanDto, UpdateTaskDto } from './dto/service-plan.dto.js';
import { GOAL_LIST, PLAN_LIST, PlanReads, TASK_LIST } from './plan-reads.js';
import { ServicePlansService } from './service-plans.service.js';
import { answer, Returns } from '../../kernel/http/openapi.js';
import { CustomListFields } from '../custom-fields/index.js';

async function listed<T>(res: Response, spec: ListSpec, page: Promise<Page<unknown>>): Promise<T[]> {
  const result = await page;
  res.header('Content-Range', contentRange(spec.resource, result));
  return answer<T[]>(result.rows);
}

@ApiTags('service-plans')
@Controller('service-plans')
export class ServicePlansController {
  constructor(
    private readonly service: ServicePlansService,
    private readonly reads: PlanReads,
  ) {}

  @Get()
  @Policy('read', 'ServicePlan')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: caseId, status, id' })
  @Returns('ServicePlanResponse', { list: true })
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ServicePlanResponse[]> {
    return listed(res, PLAN_LIST, this.reads.listPlans(parseListQuery(query, PLAN_LIST)));
  }

  @Get(':id')
  @Policy('read', 'ServicePlan')
  @ApiOperation({ summary: 'A plan with its goals and tasks (audited)' })
  @Returns('ServicePlanResponse')
  get(@Param('id', UuidPipe) id: string): Promise<ServicePlanResponse> {
    return answer<ServicePlanResponse>(this.reads.getPlan(id));
  }

  @Get(':id/versions')
  @Policy('read', 'ServicePlan')
  @ApiOperation({ summary: 'Agreed revisions: who witnessed, how, when, and the plan as agreed' })
  @Returns('ServicePlanVersionResponse', { list: true })
  versions(@Param('id', UuidPipe) id: string): Promise<ServicePlanVersionResponse[]> {
    return answer<ServicePlanVersionResponse[]>(this.reads.versions(id));
  }

  @Post()
  @Policy('create', 'ServicePlan')
  @Idempotent()
  @Returns('ServicePlanResponse', { status: 201 })
  create(@Body() body: CreateServicePlanDto): Promise<ServicePlanResponse> {
    return answer<ServicePlanResponse>(this.service.createPlan(body));
  }

  @Put(':id')
  @Policy('update', 'ServicePlan')
  @Returns('ServicePlanResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateServicePlanDto): Promise<ServicePlanResponse> {
    return answer<ServicePlanResponse>(this.service.updatePlan(id, body));
  }

  @Patch(':id')
  @Policy('update', 'ServicePlan')
  @Returns('ServicePlanResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateServicePlanDto): Promise<ServicePlanResponse> {
    return answer<ServicePlanResponse>(this.service.updatePlan(id, body));
  }

  @Post(':id/agreements')
  @Policy('update', 'ServicePlan')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the survivor's agreement to the current revision" })
  @Returns('ServicePlanResponse')
  agree(@Param('id', UuidPipe) id: string, @Body() body: RecordAgreementDto): Promise<ServicePlanResponse> {
    return answer<ServicePlanResponse>(this.service.recordAgreement(id, body));
  }
}

@ApiTags('service-plans')
@Controller('goals')
export class GoalsController {
  constructor(
    private readonly service: ServicePlansService,
    private readonly reads: PlanReads,
    private readonly customList: CustomListFields,
  ) {}

  @Get()
  @Policy('read', 'Goal')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: planId, caseId, id, and custom fields as custom.<key>, custom.<key>_gte, custom.<key>_lte (docs/custom-fields.md)' })
  @Returns('GoalResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<GoalResponse[]> {
    // The organization's goal fields join the filters and sorts; each row carries the values the reader may see.
    const { spec, fields } = await this.customList.spec('goal', GOAL_LIST);
    return listed(res, GOAL_LIST, this.reads.listGoals(parseListQuery(query, spec), this.customList.rows('goal', fields)));
  }

  @Post()
  @Policy('create', 'Goal')
  @Idempotent()
  @Returns('GoalResponse', { status: 201 })
  create(@Body() body: CreateGoalDto): Promise<GoalResponse> {
    return answer<GoalResponse>(this.service.createGoal(body));
  }

  @Put(':id')
  @Policy('update', 'Goal')
  @Returns('GoalResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateGoalDto): Promise<GoalResponse> {
    return answer<GoalResponse>(this.service.updateGoal(id, body));
  }

  @Patch(':id')
  @Policy('update', 'Goal')
  @Returns('GoalResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateGoalDto): Promise<GoalResponse> {
    return answer<GoalResponse>(this.service.updateGoal(id, body));
  }
}

@ApiTags('service-plans')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly service: ServicePlansService,
    private readonly reads: PlanReads,
  ) {}

  @Get()
  @Policy('read', 'Task')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: planId, goalId, caseId, referralId, done (false: still open), id' })
  @Returns('TaskResponse', { list: true })
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<TaskResponse[]> {
    return listed(res, TASK_LIST, this.reads.listTasks(parseListQuery(query, TASK_LIST)));
  }

  @Post()
  @Policy('create', 'Task')
  @Idempotent()
  @Returns('TaskResponse', { status: 201 })
  create(@Body() body: CreateTaskDto): Promise<TaskResponse> {
    return answer<TaskResponse>(this.service.createTask(body));
  }

  @Put(':id')
  @Policy('update', 'Task')
  @Returns('TaskResponse')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateTaskDto): Promise<TaskResponse> {
    return answer<TaskResponse>(this.service.updateTask(id, body));
  }

  @Patch(':id')
  @Policy('update', 'Task')
  @Returns('TaskResponse')
  patch(@Param('id', UuidPipe) id: string, @Body() body: UpdateTaskDto): Promise<TaskResponse> {
    return answer<TaskResponse>(this.service.updateTask(id, body));
  }
}
