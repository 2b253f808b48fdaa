import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden } from '../../kernel/http/domain-error.js';
import { requestContext } from '../../kernel/http/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { ACCESS_KEY, routeRule, type AccessRule } from './access.decorators.js';

/**
 * Global guard 2 of 2: may this role do this at all? Deny by default: a route without a declared
 * rule is refused (and a test fails on it before it ships).
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  private readonly logger = new Logger('PolicyGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = routeRule<AccessRule>(this.reflector, ACCESS_KEY, context);
    if (!access) {
      this.logger.error({ handler: context.getHandler().name }, 'route has no access rule; refused');
      throw forbidden();
    }
    if (access.kind !== 'policy') return true;
    const ability = requestContext.get()?.ability;
    if (ability?.can(access.action, access.subject)) return true;
    await this.audit.recordAlone({
      action: 'denied',
      outcome: 'denied',
      subjectType: access.subject,
      reason: access.action,
    });
    throw forbidden();
  }
}
