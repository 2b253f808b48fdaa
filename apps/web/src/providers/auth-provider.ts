import type { MeResponse } from '@lantern/contracts';
import type { AuthProvider, UserIdentity } from 'react-admin';
import { canAccessResource } from './access';
import { api, ApiError, toApiError } from './http';
import { clearSession, getSession, isKnownSignedOut, loadSession, setSession } from './session';
import { postToOtherTabs } from './tab-channel';

export interface LoginParams {
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

/** react-admin's way to say "sign in again" without a notification, or with a chosen one. */
interface AuthRejection {
  message: string | false;
  redirectTo?: string;
  logoutUser?: boolean;
}

function statusOf(error: unknown): number | undefined {
  return error instanceof ApiError ? error.status : undefined;
}

export const authProvider: AuthProvider = {
  async login(params: LoginParams): Promise<void> {
    const body: LoginParams = { email: params.email.trim(), password: params.password };
    if (params.totp) body.totp = params.totp;
    if (params.recoveryCode) body.recoveryCode = params.recoveryCode.trim();
    const me = await api<MeResponse>('/auth/login', { method: 'POST', body, stepUp: false });
    setSession(me);
  },

  async logout(): Promise<void> {
    const hadSession = getSession() !== null;
    clearSession();
    if (!hadSession) return;
    postToOtherTabs({ type: 'signed-out' });
    try {
      await api('/auth/logout', { method: 'POST', stepUp: false });
    } catch {
      // Already ended on the server (expired or revoked): nothing left to end.
    }
  },

  async checkAuth(): Promise<void> {
    if (getSession()) return;
    try {
      await loadSession();
    } catch (error) {
      const apiError = toApiError(error);
      const rejection: AuthRejection = {
        // A first visit needs no scolding; an ended session deserves a sentence.
        message: apiError.code === 'AUTH_SESSION_EXPIRED' ? apiError.message : false,
      };
      throw rejection;
    }
  },

  async checkError(error: unknown): Promise<void> {
    const status = statusOf(error);
    if (status === 401) {
      const rejection: AuthRejection = {
        message: error instanceof ApiError && error.code === 'AUTH_SESSION_EXPIRED' ? error.message : 'Your session has ended. Sign in again.',
      };
      throw rejection;
    }
    if (status === 403 && error instanceof ApiError && error.code === 'AUTH_MFA_ENROLMENT_REQUIRED') {
      // The layout shows the enrolment page as soon as the refreshed session says so.
      await loadSession({ force: true }).catch(() => undefined);
    }
  },

  async getIdentity(): Promise<UserIdentity> {
    const { me } = await loadSession();
    return { id: me.user.id, fullName: me.user.displayName };
  },

  async getPermissions(): Promise<string> {
    const { me } = await loadSession();
    return me.user.role;
  },

  async canAccess(params: { action: string; resource: string; record?: object }): Promise<boolean> {
    if (!getSession() && isKnownSignedOut()) return false;
    const session = getSession() ?? (await loadSession().catch(() => null));
    return session ? canAccessResource(session, params) : false;
  },
};
