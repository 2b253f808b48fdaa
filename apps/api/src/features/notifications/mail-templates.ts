import type { Locale } from '@lantern/contracts';

/**
 * Every mail Lantern sends, in English and Spanish. A mail says nothing about anyone: no survivor's
 * name, alias or detail, no case content, no name of the person it goes to or of who sent it; at most
 * a link (docs/operations.md, E-mail). A mailbox may be shared, watched, or kept by a provider.
 */
export const MAIL_TEMPLATES = ['notification', 'invitation', 'password_reset', 'password_changed', 'mfa_reset', 'reminder_digest'] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface MailParams {
  /** The Lantern address (config LANTERN_PUBLIC_URL). */
  baseUrl: string;
  /** The invitation or reset link, its token in the fragment (never seen by a server or a log). */
  link?: string;
  /** How long the link lasts, in hours or minutes as the template says. */
  validFor?: number;
  /**
   * The daily reminder digest's lines (workflows/reminders): counts and case numbers only, written by
   * reminder-text.ts, which names no person, task or place.
   */
  items?: string[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Copy {
  subject: string;
  lines: (p: MailParams) => string[];
  action?: string;
}

const EN: Record<MailTemplate, Copy> = {
  notification: {
    subject: 'Lantern: you have a new notification',
    lines: () => ['You have a new notification in Lantern.', 'Sign in to read it.'],
    action: 'Open Lantern',
  },
  invitation: {
    subject: 'Lantern: your invitation',
    lines: (p) => [
      'You have been invited to use Lantern.',
      `Open the link below to choose your password. It works once and for ${p.validFor ?? 72} hours.`,
      'If you did not expect this, ignore this message.',
    ],
    action: 'Accept the invitation',
  },
  password_reset: {
    subject: 'Lantern: reset your password',
    lines: (p) => [
      'Someone asked to reset the password of your Lantern account.',
      `Open the link below to choose a new one. It works once and for ${p.validFor ?? 30} minutes.`,
      'If it was not you, ignore this message: your password stays as it is.',
    ],
    action: 'Choose a new password',
  },
  password_changed: {
    subject: 'Lantern: your password was changed',
    lines: () => [
      'The password of your Lantern account was just reset, and every session of the account was ended.',
      'If it was not you, tell your administrator at once.',
    ],
    action: 'Open Lantern',
  },
  mfa_reset: {
    subject: 'Lantern: your two-step verification was reset',
    lines: () => [
      'An administrator reset the two-step verification of your Lantern account, and every session of the account was ended.',
      'Set it up again after you sign in. If you did not ask for this, tell your administrator at once.',
    ],
    action: 'Open Lantern',
  },
  reminder_digest: {
    subject: 'Lantern: what is due today',
    lines: (p) => ['What is due on your cases today:', '', ...(p.items ?? []).map((item) => `- ${item}`), '', 'Sign in to see the details.'],
    action: 'Open Lantern',
  },
};

const ES: Record<MailTemplate, Copy> = {
  notification: {
    subject: 'Lantern: tiene una notificación nueva',
    lines: () => ['Tiene una notificación nueva en Lantern.', 'Inicie sesión para leerla.'],
    action: 'Abrir Lantern',
  },
  invitation: {
    subject: 'Lantern: su invitación',
    lines: (p) => [
      'Le han invitado a usar Lantern.',
      `Abra el enlace de abajo para elegir su contraseña. Sirve una sola vez y durante ${p.validFor ?? 72} horas.`,
      'Si no esperaba este mensaje, ignórelo.',
    ],
    action: 'Aceptar la invitación',
  },
  password_reset: {
    subject: 'Lantern: restablezca su contraseña',
    lines: (p) => [
      'Alguien pidió restablecer la contraseña de su cuenta de Lantern.',
      `Abra el enlace de abajo para elegir una nueva. Sirve una sola vez y durante ${p.validFor ?? 30} minutos.`,
      'Si no fue usted, ignore este mensaje: su contraseña sigue igual.',
    ],
    action: 'Elegir una contraseña nueva',
  },
  password_changed: {
    subject: 'Lantern: se cambió su contraseña',
    lines: () => [
      'Se acaba de restablecer la contraseña de su cuenta de Lantern y se cerraron todas sus sesiones.',
      'Si no fue usted, avise de inmediato a su administrador.',
    ],
    action: 'Abrir Lantern',
  },
  mfa_reset: {
    subject: 'Lantern: se restableció su verificación en dos pasos',
    lines: () => [
      'Un administrador restableció la verificación en dos pasos de su cuenta de Lantern y se cerraron todas sus sesiones.',
      'Vuelva a configurarla al iniciar sesión. Si no lo pidió, avise de inmediato a su administrador.',
    ],
    action: 'Abrir Lantern',
  },
  reminder_digest: {
    subject: 'Lantern: lo que vence hoy',
    lines: (p) => ['Lo que vence hoy en sus casos:', '', ...(p.items ?? []).map((item) => `- ${item}`), '', 'Inicie sesión para ver los detalles.'],
    action: 'Abrir Lantern',
  },
};

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function isMailTemplate(value: string): value is MailTemplate {
  return (MAIL_TEMPLATES as readonly string[]).includes(value);
}

/** Plain text and a simple HTML version of one mail, in the reader's language. */
export function renderMail(template: MailTemplate, locale: Locale | string | null | undefined, params: MailParams): RenderedMail {
  const copy = (locale === 'es' ? ES : EN)[template];
  const href = params.link ?? `${params.baseUrl}/`;
  const lines = copy.lines(params);
  const signature = locale === 'es' ? 'Lantern (mensaje automático, no responda)' : 'Lantern (automatic message, do not reply)';
  const text = [...lines, '', href, '', '--', signature, ''].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${locale === 'es' ? 'es' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(copy.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">',
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(href)}">${escapeHtml(copy.action ?? href)}</a></p>`,
    `<p style="color: #555; font-size: 0.9em;">${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: copy.subject, text, html };
}
