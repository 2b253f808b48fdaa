import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type TranslationMessages } from 'react-admin';

/** Lantern's names for resources and fields; everything else is react-admin's English. */
const lanternMessages = {
  ra: {
    boolean: { null: 'Any' },
    page: { dashboard: 'Home', empty: 'Nothing here yet' },
    auth: { auth_check_error: 'Sign in to continue' },
    notification: { logged_out: 'Your session has ended. Sign in again.' },
  },
  resources: {
    'partner-orgs': {
      name: 'Partner organization |||| Partner organizations',
      fields: {
        name: 'Name',
        serviceTypes: 'Services',
        serviceType: 'Service',
        serviceArea: 'Service area',
        capacity: 'Open places',
        acceptingReferrals: 'Accepting referrals',
        contactName: 'Contact person',
        contactEmail: 'Contact e-mail',
        phone: 'Phone',
        active: 'Active',
        q: 'Search',
        createdAt: 'Created',
        updatedAt: 'Last changed',
      },
    },
    users: {
      name: 'User |||| Users',
      fields: {
        displayName: 'Name',
        email: 'E-mail',
        role: 'Role',
        partnerOrgId: 'Partner organization',
        active: 'Active',
        mfaEnabled: 'Two-step verification',
        lastLoginAt: 'Last sign-in',
        password: 'Initial password',
        q: 'Search',
        createdAt: 'Created',
        updatedAt: 'Last changed',
      },
    },
    'audit-events': {
      name: 'Audit event |||| Audit log',
      fields: {
        occurredAt: 'When',
        actorId: 'Who',
        actorRole: 'Role',
        action: 'Action',
        subjectType: 'Record type',
        subjectId: 'Record',
        fields: 'Fields',
        outcome: 'Outcome',
        requestId: 'Request id',
        ip: 'IP address',
        reason: 'Reason',
        occurredAt_gte: 'From',
        occurredAt_lte: 'Until',
      },
    },
  },
};

const messages = mergeTranslations(englishMessages, lanternMessages) as TranslationMessages;

export const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ locale: 'en', name: 'English' }], {
  allowMissing: true,
});
