/**
 * The appointments feature as other features see it (docs/architecture.md): its module and the query
 * the reminders build on (issue 14). Nothing else of this folder may be imported from outside it.
 */
export { AppointmentsModule } from './appointments.module.js';
export { appointmentsStartingBetween, type AppointmentStarting } from './appointments-starting.js';
