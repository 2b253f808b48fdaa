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
    cases: {
      name: 'Case |||| Cases',
      fields: {
        caseNumber: 'Case number',
        survivorId: 'Survivor',
        survivorAlias: 'Survivor',
        status: 'Status',
        riskLevel: 'Risk',
        assignedCaseworkerId: 'Caseworker',
        assignedAt: 'Assigned',
        referralSource: 'Referral source',
        exploitationTypes: 'Types of exploitation',
        lastContactAt: 'Last contact',
        openedAt: 'Opened',
        closedAt: 'Closed',
        closureReason: 'Reason for closing',
        updatedAt: 'Last changed',
      },
    },
    survivors: {
      name: 'Survivor |||| Survivors',
      fields: {
        alias: 'Alias',
        q: 'Search alias',
        legalName: 'Legal name',
        preferredName: 'Preferred name',
        dateOfBirth: 'Date of birth',
        birthYear: 'Birth year',
        gender: 'Gender',
        pronouns: 'Pronouns',
        citizenship: 'Citizenship',
        languages: 'Languages',
        phone: 'Phone',
        email: 'E-mail',
        address: 'Address',
        safeContactInstructions: 'Safe contact instructions',
        createdAt: 'Registered',
        updatedAt: 'Last changed',
      },
    },
    intakes: {
      name: 'Intake |||| Intakes',
      fields: {
        intakeDate: 'Intake date',
        identifiedBy: 'Identified by',
        exploitationTypes: 'Types of exploitation',
        controlMethods: 'Means of control',
        recruitmentMethods: 'How the person was recruited',
        immediateNeeds: 'Immediate needs',
        riskScreening: 'Risk screening',
        narrative: 'Narrative',
      },
    },
    consents: {
      name: 'Consent |||| Consents',
      fields: {
        purpose: 'Purpose',
        partnerOrgId: 'Partner organization',
        sharedFields: 'Details that may be shared',
        method: 'How consent was given',
        grantedAt: 'Given',
        expiresAt: 'Expires',
        revokedAt: 'Revoked',
        state: 'State',
      },
    },
    'case-notes': {
      name: 'Case note |||| Case notes',
      fields: {
        noteType: 'Type of note',
        contactMethod: 'Contact',
        body: 'Note',
        restricted: 'Restricted',
        occurredAt: 'When it happened',
      },
    },
    referrals: {
      name: 'Referral |||| Referrals',
      fields: {
        caseNumber: 'Case',
        partnerOrgId: 'Partner',
        serviceType: 'Service',
        urgency: 'Urgency',
        status: 'Status',
        sentAt: 'Sent',
        assignedCaseworkerId: 'Caseworker',
        createdAt: 'Drafted',
      },
    },
    'break-glass-grants': {
      name: 'Emergency access |||| Emergency access log',
      fields: {
        grantedAt: 'Opened',
        expiresAt: 'Ends',
        userId: 'Opened by',
        survivorId: 'Survivor record',
        reason: 'Reason',
        active: 'State',
      },
    },
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
