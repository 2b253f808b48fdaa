import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AbilityFactory } from '../authz/ability.factory.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LocalStrategy } from './local.strategy.js';
import { MfaEnrolmentService } from './mfa-enrolment.service.js';
import { PasswordService } from './password.service.js';
import { SecondFactorService } from './second-factor.service.js';
import { SecretThrottle } from './secret-throttle.service.js';
import { SessionService } from './session.service.js';
import { TotpService } from './totp.service.js';

@Global()
@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [AuthController],
  providers: [AuthService, MfaEnrolmentService, SecondFactorService, LocalStrategy, SecretThrottle, PasswordService, SessionService, TotpService, AbilityFactory],
  exports: [AuthService, SecondFactorService, PasswordService, SessionService, SecretThrottle, AbilityFactory],
})
export class AuthModule {}
