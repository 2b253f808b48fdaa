import { Controller, Get, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../../access/authz/access.decorators.js';
import { Lifecycle } from './lifecycle.service.js';
import { Returns } from '../../kernel/http/openapi.js';

/** What liveness answers: terminus's result for an empty list of checks. */
const LIVE: HealthCheckResult = Object.freeze({ status: 'ok', info: {}, error: {}, details: {} });

@ApiTags('health')
@Controller({ version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly lifecycle: Lifecycle,
  ) {}

  /**
   * Liveness: the process answers. Never touches the database, so a database outage does not get it
   * killed. A constant: there is nothing to check. It goes through the whole stack (headers, request
   * id, guards) on purpose: it is the benchmark's measure of what the framework costs every request.
   */
  @Get('health')
  @Public()
  @HealthCheck()
  @Returns('HealthResponse')
  live(): HealthCheckResult {
    return LIVE;
  }

  /** Readiness: the database answers and the instance is not shutting down. */
  @Get('ready')
  @Public()
  @HealthCheck()
  @Returns('HealthResponse')
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => {
        if (this.lifecycle.isDraining) throw new ServiceUnavailableException('draining');
        return { lifecycle: { status: 'up' } };
      },
      () => this.db.pingCheck('database', { timeout: 2_000 }),
    ]);
  }
}
