import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest as Request } from 'fastify';
import { DomainError } from '../../kernel/http/domain-error.js';
import { requestContext } from '../../kernel/http/request-context.js';
import { ACCESS_KEY, ALLOW_RESTRICTED_KEY, routeRule, type AccessRule } from '../authz/access.decorators.js';
import { AbilityFactory } from '../authz/ability.factory.js';
import { actorOf } from './actor-of.js';
import { SessionService } from './session.service.js';

/**
 * Global guard 1 of 2: who is this? Resolves the session cookie into an actor and their ability.
 * Public routes pass; everything else needs a live session.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly abilities: AbilityFactory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const access = routeRule<AccessRule>(this.reflector, ACCESS_KEY, context);
    if (access?.kind === 'public') return true;

    const token = req.cookies?.[this.sessions.cookieName];
    if (!token) throw new DomainError('AUTH_REQUIRED');
    // Background polling (notification counts) must not keep an unattended screen signed in.
    const touch = req.headers['x-lantern-background'] !== '1';
    const resolved = await this.sessions.resolve(token, touch);
    if (!resolved) throw new DomainError('AUTH_REQUIRED');
    if ('expired' in resolved) throw new DomainError('AUTH_SESSION_EXPIRED');

    const { session, user } = resolved;
    const store = requestContext.get();
    const actor = actorOf(user, session);
    if (store) {
      store.actor = actor;
      store.ability = this.abilities.build(actor);
    }
    const allowRestricted = routeRule<boolean>(this.reflector, ALLOW_RESTRICTED_KEY, context);
    if (session.mfaEnrolmentRequired && !allowRestricted) {
      throw new DomainError('AUTH_MFA_ENROLMENT_REQUIRED');
    }
    return true;
  }
}
