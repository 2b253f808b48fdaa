import type { Locale, ReminderKind } from '@lantern/contracts';

/** What one reminder says: the kind, the case by number, how many items, and a date where it helps. */
export interface ReminderItem {
  kind: ReminderKind;
  caseNumber: string;
  count: number;
  /** YYYY-MM-DD: when it is due (a review, an assessment, a consent's or a document's expiry). */
  dueOn: string;
  /** For assessments: the stage (intake, 90_days, 180_days, 365_days). */
  stage?: string;
}

const STAGES: Record<Locale, Record<string, string>> = {
  en: { intake: 'intake', '90_days': '90-day', '180_days': '180-day', '365_days': '365-day' },
  es: { intake: 'de ingreso', '90_days': 'de 90 días', '180_days': 'de 180 días', '365_days': 'de 365 días' },
};

function date(dueOn: string, locale: Locale): string {
  // The date only, written the reader's way; UTC so the day never shifts.
  return new Intl.DateTimeFormat(locale === 'es' ? 'es' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${dueOn}T00:00:00Z`),
  );
}

/**
 * The title of a reminder in the reader's language (issue 13: the API's own words in Spanish too). It
 * names a case by its number only, never a person, a task's text or a place: a notification may be read
 * over a shoulder, and the same words go into the daily digest e-mail.
 */
export function reminderTitle(item: ReminderItem, locale: Locale): string {
  const c = item.caseNumber;
  const n = item.count;
  const stage = STAGES[locale][item.stage ?? ''] ?? item.stage ?? '';
  if (locale === 'es') {
    switch (item.kind) {
      case 'task_due':
        return n === 1 ? `Una tarea vence mañana en el caso ${c}` : `${n} tareas vencen mañana en el caso ${c}`;
      case 'task_overdue':
        return n === 1 ? `Una tarea está atrasada en el caso ${c}` : `${n} tareas están atrasadas en el caso ${c}`;
      case 'plan_review_due':
        return `La revisión del plan de servicios del caso ${c} vence el ${date(item.dueOn, locale)}`;
      case 'assessment_due':
        return `La evaluación ${stage} del caso ${c} vence el ${date(item.dueOn, locale)}`;
      case 'assessment_overdue':
        return `La evaluación ${stage} del caso ${c} está atrasada (vencía el ${date(item.dueOn, locale)})`;
      case 'consent_expiring':
        return `Un consentimiento del caso ${c} vence el ${date(item.dueOn, locale)}`;
      case 'appointment_tomorrow':
        return n === 1 ? `Tiene una cita mañana en el caso ${c}` : `Tiene ${n} citas mañana en el caso ${c}`;
      case 'document_expiring':
        return `Un documento del caso ${c} vence el ${date(item.dueOn, locale)}`;
    }
  }
  switch (item.kind) {
    case 'task_due':
      return n === 1 ? `A task is due tomorrow on case ${c}` : `${n} tasks are due tomorrow on case ${c}`;
    case 'task_overdue':
      return n === 1 ? `A task is overdue on case ${c}` : `${n} tasks are overdue on case ${c}`;
    case 'plan_review_due':
      return `The service plan review of case ${c} is due on ${date(item.dueOn, locale)}`;
    case 'assessment_due':
      return `The ${stage} assessment of case ${c} is due on ${date(item.dueOn, locale)}`;
    case 'assessment_overdue':
      return `The ${stage} assessment of case ${c} is overdue (it was due on ${date(item.dueOn, locale)})`;
    case 'consent_expiring':
      return `A consent on case ${c} expires on ${date(item.dueOn, locale)}`;
    case 'appointment_tomorrow':
      return n === 1 ? `You have an appointment tomorrow on case ${c}` : `You have ${n} appointments tomorrow on case ${c}`;
    case 'document_expiring':
      return `A document on case ${c} expires on ${date(item.dueOn, locale)}`;
  }
}
