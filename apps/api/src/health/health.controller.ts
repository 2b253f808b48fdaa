import { Controller, Get, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../authz/access.decorators.js';
import { Lifecycle } from './lifecycle.service.js';
import { LIVE } from './liveness.js';

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
   * killed. A constant: there is nothing to check. The plain `GET /api/health` is answered before
   * Express (liveness.ts, the same bytes); this route serves the other forms (HEAD, a query string).
   */
  @Get('health')
  @Public()
  @HealthCheck()
  live(): HealthCheckResult {
    return LIVE;
  }

  /** Readiness: the database answers and the instance is not shutting down. */
  @Get('ready')
  @Public()
  @HealthCheck()
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
