import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MeResponse, MfaEnableResponse, MfaSetupResponse, SessionResponse } from '@lantern/contracts';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { AllowRestricted, Public, SignedIn } from '../authz/access.decorators.js';
import { currentActor } from '../authz/current-actor.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { actorOf } from './actor-of.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, MfaCodeDto, StepUpDto, UpdateMeDto } from './dto/auth.dto.js';
import { LocalAuthGuard } from './local.strategy.js';
import { MfaEnrolmentService } from './mfa-enrolment.service.js';
import type { Session } from './session.entity.js';
import { SessionService } from './session.service.js';
import type { User } from './user.entity.js';
import { Returns, ReturnsNothing } from '../../kernel/http/openapi.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly mfa: MfaEnrolmentService,
    private readonly sessions: SessionService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail, password and, where enrolled, a TOTP or recovery code' })
  @Returns('MeResponse')
  async login(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() _body: LoginDto): Promise<MeResponse> {
    const { token, user, session } = (req as Request & { user: unknown }).user as { token: string; user: User; session: Session };
    this.sessions.setCookie(res, token);
    return this.auth.me(actorOf(user, session));
  }

  @Post('logout')
  @SignedIn()
  @AllowRestricted()
  @HttpCode(204)
  @ReturnsNothing()
  async logout(@Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(currentActor().actor);
    this.sessions.clearCookie(res);
  }

  @Get('me')
  @SignedIn()
  @AllowRestricted()
  @ApiOkResponse({ description: 'The signed-in user and their packed CASL rules' })
  @Returns('MeResponse')
  me(): Promise<MeResponse> {
    return this.auth.me(currentActor().actor);
  }

  @Patch('me')
  @SignedIn()
  @AllowRestricted()
  @ApiOperation({ summary: 'Change one\'s own settings (the interface language)' })
  @ApiOkResponse({ description: 'The signed-in user, as GET /auth/me' })
  @Returns('MeResponse')
  updateMe(@Body() body: UpdateMeDto): Promise<MeResponse> {
    return this.auth.updateMe(currentActor().actor, body);
  }

  @Post('step-up')
  @SignedIn()
  @AllowRestricted()
  @HttpCode(204)
  @ApiOperation({ summary: 'Re-enter the password (or a TOTP code) before a sensitive action' })
  @ReturnsNothing()
  async stepUp(@Body() body: StepUpDto, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = await this.auth.stepUp(currentActor().actor, body);
    this.sessions.setCookie(res, token);
  }

  @Post('password')
  @SignedIn()
  @HttpCode(204)
  @ReturnsNothing()
  async changePassword(@Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(currentActor().actor, body.currentPassword, body.newPassword, body.endOtherSessions ?? true);
  }

  @Get('sessions')
  @SignedIn()
  @Returns('SessionResponse', { list: true })
  sessionsList(): Promise<SessionResponse[]> {
    return this.auth.listSessions(currentActor().actor);
  }

  @Delete('sessions/:id')
  @SignedIn()
  @HttpCode(204)
  @ReturnsNothing()
  async endSession(@Param('id', UuidPipe) id: string): Promise<void> {
    await this.auth.endSession(currentActor().actor, id);
  }

  @Post('mfa/setup')
  @SignedIn()
  @AllowRestricted()
  @HttpCode(200)
  @Returns('MfaSetupResponse')
  mfaSetup(): Promise<MfaSetupResponse> {
    return this.mfa.startSetup(currentActor().actor);
  }

  @Post('mfa/enable')
  @SignedIn()
  @AllowRestricted()
  @HttpCode(200)
  @Returns('MfaEnableResponse')
  mfaEnable(@Body() body: MfaCodeDto): Promise<MfaEnableResponse> {
    return this.mfa.enable(currentActor().actor, body.code);
  }

  @Post('mfa/disable')
  @SignedIn()
  @HttpCode(204)
  @ReturnsNothing()
  async mfaDisable(): Promise<void> {
    await this.mfa.disable(currentActor().actor);
  }
}
