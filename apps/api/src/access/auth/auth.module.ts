import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AbilityFactory } from '../authz/ability.factory.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LocalStrategy } from './local.strategy.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { SessionService } from './session.service.js';
import { TotpService } from './totp.service.js';

@Global()
@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [AuthController],
  providers: [AuthService, LocalStrategy, LoginThrottle, PasswordService, SessionService, TotpService, AbilityFactory],
  exports: [AuthService, PasswordService, SessionService, AbilityFactory],
})
export class AuthModule {}
