import { Module } from '@nestjs/common';
import { PartnerOrgsModule } from '../partner-orgs/index.js';
import { AccountsController } from './accounts.controller.js';
import { InvitationsService } from './invitations.service.js';
import { PasswordResetService } from './password-reset.service.js';

/** Invitations and password resets (issue 14). The mail goes through the notifications feature's outbox. */
@Module({
  imports: [PartnerOrgsModule],
  controllers: [AccountsController],
  providers: [InvitationsService, PasswordResetService],
})
export class AccountsModule {}
