import type { MfaEnableResponse, MfaSetupResponse, SessionResponse } from '@lantern/contracts';
import { api } from '../providers/http';

export type { MfaEnableResponse, MfaSetupResponse } from '@lantern/contracts';

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  endOtherSessions: boolean;
}

export const accountApi = {
  sessions: () => api<SessionResponse[]>('/auth/sessions'),
  endSession: (id: string) => api<void>(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  changePassword: (body: ChangePasswordRequest) => api<void>('/auth/password', { method: 'POST', body }),
  startMfaSetup: () => api<MfaSetupResponse>('/auth/mfa/setup', { method: 'POST' }),
  enableMfa: (code: string) => api<MfaEnableResponse>('/auth/mfa/enable', { method: 'POST', body: { code } }),
  disableMfa: () => api<void>('/auth/mfa/disable', { method: 'POST' }),
};
