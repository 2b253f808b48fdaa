import { Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest as Request } from 'fastify';
import { Strategy } from 'passport-local';
import { DomainError } from '../../kernel/http/domain-error.js';
import { requestContext } from '../../kernel/http/request-context.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/auth.dto.js';

/** passport-local: e-mail and password from the JSON body, checked by AuthService (throttle, hash, TOTP). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(req: Request): Promise<unknown> {
    const dto = plainToInstance(LoginDto, req.body as object);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const fields = Object.fromEntries(errors.map((e) => [e.property, ['is missing or malformed']]));
      throw new DomainError('VALIDATION_FAILED', `Invalid input: ${Object.keys(fields).join(', ')}`, fields);
    }
    const context = requestContext.get();
    return this.auth.login({
      email: dto.email,
      password: dto.password,
      totp: dto.totp,
      recoveryCode: dto.recoveryCode,
      ip: context?.ip ?? null,
      userAgent: context?.userAgent ?? null,
    });
  }
}

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<TUser>(err: unknown, user: TUser, info: { message?: string } | undefined): TUser {
    if (err) throw err;
    if (!user) {
      // passport-local stops before validate() when a credential field is absent.
      throw new DomainError('VALIDATION_FAILED', 'Invalid input: email and password are required', {
        email: ['is required'],
        password: ['is required'],
        ...(info?.message ? {} : {}),
      });
    }
    return user;
  }
}
