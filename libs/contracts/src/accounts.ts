import type { Role } from './roles.js';

/** Issue 14: e-mail delivery as admins see it, invitations and password resets. */
export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed', 'expired'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** One outbox mail as an admin sees it: who it went to, which kind, how delivery went; never its text. */
export interface MailDeliveryResponse {
  id: string;
  template: string;
  to: string | null;
  status: MailStatus;
  attempts: number;
  lastResponseCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface MailStatusResponse {
  /** `smtp`: mail is sent; `demo`: kept on the Sent mail (demo) page; `none`: waits until SMTP is configured. */
  transport: 'smtp' | 'demo' | 'none';
  pending: number;
  failed: number;
  /** Attempts of the last 24 hours, by outcome. */
  last24h: { sent: number; retry: number; failed: number };
}

/** A mail the demo kept instead of sending (demo mode only). */
export interface DemoMailResponse {
  id: string;
  to: string | null;
  subject: string;
  text: string;
  sentAt: string | null;
}

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface InvitationResponse {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  partnerOrgId: string | null;
  status: InvitationStatus;
  expiresAt: string;
  sentCount: number;
  acceptedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  version: number;
}

/** What the invitation page shows before the password is set. */
export interface InvitationPreviewResponse {
  email: string;
  displayName: string;
  role: Role;
  /** The role must enrol a second factor before using Lantern. */
  mfaRequired: boolean;
  expiresAt: string;
}

/** The same answer whether or not the address has an account. */
export interface PasswordResetRequestedResponse {
  accepted: true;
}

/** What the reset page shows before the new password is set. */
export interface PasswordResetPreviewResponse {
  email: string;
  expiresAt: string;
}
