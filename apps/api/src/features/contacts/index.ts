/**
 * The contacts feature as other features see it (docs/architecture.md): its module. Contacts before a
 * case (issue 17, part 1); docs/contacts.md.
 */
export { ContactsModule } from './contacts.module.js';
