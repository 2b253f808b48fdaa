import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { InvitationPreviewResponse, InvitationResponse, MeResponse, PasswordResetPreviewResponse, PasswordResetRequestedResponse } from '@lantern/contracts';
import type { FastifyReply as Response } from 'fastify';
import { AuthService } from '../../access/auth/auth.service.js';
import { SessionService } from '../../access/auth/session.service.js';
import { Policy, Public } from '../../access/authz/access.decorators.js';
import { contentRange, parseListQuery } from '../../kernel/http/list-query.js';
import { Returns, ReturnsNothing } from '../../kernel/http/openapi.js';
import { requestContext } from '../../kernel/http/request-context.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { AcceptInvitationDto, CompleteResetDto, InviteDto, ResetRequestDto, TokenDto } from './dto/accounts.dto.js';
import { INVITATION_LIST, InvitationsService } from './invitations.service.js';
import { PasswordResetService } from './password-reset.service.js';

/**
 * Invitations (admins, with a step-up) and the links mails carry. A link's token travels in the URL
 * fragment, which browsers never send; the web app reads it and posts it in a body, so it is in no
 * URL, access log or history (docs/security-model.md, accounts).
 */
@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly resets: PasswordResetService,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Get('invitations')
  @Policy('create', 'User')
  @Returns('InvitationResponse', { list: true })
  @ApiQuery({ name: 'range', required: false })
  @ApiQuery({ name: 'sort', required: false })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<InvitationResponse[]> {
    const page = await this.invitations.list(parseListQuery(query, INVITATION_LIST));
    res.header('Content-Range', contentRange(INVITATION_LIST.resource, page));
    return page.rows;
  }

  @Post('invitations')
  @Policy('create', 'User')
  @Returns('InvitationResponse', { status: 201 })
  @ApiOperation({ summary: 'Invite someone by e-mail with a role (a 72-hour single-use link); needs a fresh step-up' })
  invite(@Body() body: InviteDto): Promise<InvitationResponse> {
    return this.invitations.invite(body);
  }

  @Post('invitations/preview')
  @Public()
  @HttpCode(200)
  @Returns('InvitationPreviewResponse')
  @ApiOperation({ summary: 'What an invitation link is for; 410 when it is used, replaced, revoked or expired' })
  preview(@Body() body: TokenDto): Promise<InvitationPreviewResponse> {
    return this.invitations.preview(body.token);
  }

  @Post('invitations/accept')
  @Public()
  @HttpCode(200)
  @Returns('MeResponse', { description: 'The new account, signed in (as GET /auth/me)' })
  @ApiOperation({ summary: 'Choose a password: creates the account and signs in' })
  async accept(@Body() body: AcceptInvitationDto, @Res({ passthrough: true }) res: Response): Promise<MeResponse> {
    const context = requestContext.get();
    const { token, user, session } = await this.invitations.accept(body.token, body.password, { ip: context?.ip ?? null, userAgent: context?.userAgent ?? null });
    this.sessions.setCookie(res, token);
    return this.auth.me({ id: user.id, role: user.role, organizationId: user.organizationId, partnerOrgId: user.partnerOrgId, sessionId: session.id, stepUpAt: session.stepUpAt });
  }

  @Post('invitations/:id/resend')
  @Policy('create', 'User')
  @HttpCode(200)
  @Returns('InvitationResponse')
  @ApiOperation({ summary: 'A new link (the old one stops working); needs a fresh step-up' })
  resend(@Param('id', UuidPipe) id: string): Promise<InvitationResponse> {
    return this.invitations.resend(id);
  }

  @Post('invitations/:id/revoke')
  @Policy('create', 'User')
  @HttpCode(200)
  @Returns('InvitationResponse')
  @ApiOperation({ summary: 'The link stops working; needs a fresh step-up' })
  revoke(@Param('id', UuidPipe) id: string): Promise<InvitationResponse> {
    return this.invitations.revoke(id);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @Returns('PasswordResetRequestedResponse', { status: 202 })
  @ApiOperation({ summary: '"Forgot password": the same answer whether or not the address has an account; throttled' })
  async requestReset(@Body() body: ResetRequestDto): Promise<PasswordResetRequestedResponse> {
    await this.resets.request(body.email, requestContext.get()?.ip ?? null);
    return { accepted: true };
  }

  @Post('password-reset/preview')
  @Public()
  @HttpCode(200)
  @Returns('PasswordResetPreviewResponse')
  resetPreview(@Body() body: TokenDto): Promise<PasswordResetPreviewResponse> {
    return this.resets.preview(body.token);
  }

  @Post('password-reset/complete')
  @Public()
  @HttpCode(204)
  @ReturnsNothing()
  @ApiOperation({ summary: 'Set a new password with the link: every session of the account ends' })
  async completeReset(@Body() body: CompleteResetDto): Promise<void> {
    await this.resets.complete(body.token, body.password);
  }
}
