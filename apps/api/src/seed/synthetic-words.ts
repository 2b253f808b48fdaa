/**
 * Word lists and sentence templates of the synthetic data generator. Everything here is invented and
 * meant to read as invented: aliases are "colour/quality + nature word", narratives and notes say they
 * are fictional. `{alias}` and `{city}` are filled in by the generator.
 */

export const ALIAS_FIRST = [
  'Amber', 'Azure', 'Blue', 'Bright', 'Calm', 'Cedar', 'Coral', 'Crimson', 'Dawn', 'Ember',
  'Fern', 'Gentle', 'Golden', 'Green', 'Hazel', 'Indigo', 'Ivory', 'Jade', 'Lilac', 'Maple',
  'Misty', 'Morning', 'North', 'Ocean', 'Olive', 'Pearl', 'Quiet', 'Rain', 'River', 'Rose',
  'Saffron', 'Sage', 'Silver', 'Sky', 'Snow', 'Still', 'Summer', 'Swift', 'Violet', 'Willow',
] as const;

export const ALIAS_SECOND = [
  'Aspen', 'Birch', 'Bloom', 'Brook', 'Canyon', 'Cloud', 'Comet', 'Crane', 'Dove', 'Falcon',
  'Fawn', 'Finch', 'Fox', 'Garden', 'Harbor', 'Hawk', 'Heron', 'Hill', 'Iris', 'Lake',
  'Lantern', 'Lark', 'Leaf', 'Lily', 'Meadow', 'Moon', 'Oak', 'Orchid', 'Otter', 'Owl',
  'Pine', 'Robin', 'Sparrow', 'Spruce', 'Star', 'Stone', 'Swan', 'Tide', 'Wren', 'Valley',
] as const;

/** ISO 3166-1 alpha-2 country → ISO 639-1 languages commonly spoken by people from there. */
export const COUNTRY_LANGUAGES: Record<string, readonly string[]> = {
  US: ['en'],
  MX: ['es'],
  GT: ['es'],
  HN: ['es'],
  SV: ['es'],
  DO: ['es'],
  CN: ['zh'],
  PH: ['tl', 'en'],
  VN: ['vi'],
  TH: ['th'],
  KR: ['ko'],
  RU: ['ru'],
  UA: ['uk', 'ru'],
  RO: ['ro'],
  NG: ['en', 'yo'],
  HT: ['ht', 'fr'],
  IN: ['hi', 'en'],
};

/** Countries of citizenship with weights: about half domestic, the rest the countries US programs see most. */
export const CITIZENSHIP_WEIGHTS: readonly { value: string; weight: number }[] = [
  { value: 'US', weight: 55 },
  { value: 'MX', weight: 10 },
  { value: 'GT', weight: 4 },
  { value: 'HN', weight: 4 },
  { value: 'SV', weight: 3 },
  { value: 'CN', weight: 4 },
  { value: 'PH', weight: 3 },
  { value: 'VN', weight: 3 },
  { value: 'TH', weight: 2 },
  { value: 'RU', weight: 2 },
  { value: 'UA', weight: 2 },
  { value: 'RO', weight: 2 },
  { value: 'NG', weight: 2 },
  { value: 'KR', weight: 1 },
  { value: 'HT', weight: 1 },
  { value: 'IN', weight: 1 },
  { value: 'DO', weight: 1 },
];

export const SAFE_CONTACT_TEMPLATES = [
  'Text only, after 6 pm. Never leave a voicemail.',
  'Call from a blocked number; if someone else answers, say it is the pharmacy.',
  'E-mail only; do not call. Subject line about a library book.',
  'Weekday mornings only; hang up if someone else answers.',
  'Message first and wait for a reply before calling.',
  'Contact through the drop-in centre; no direct calls.',
  'Do not text: the phone is shared. Call between 10 am and noon.',
  'Use the code word "blue umbrella" to confirm it is safe to talk.',
] as const;

export const NARRATIVE_OPENINGS = [
  'Fictional account generated for the Lantern demo; no real person is described.',
  'This narrative is invented sample data for training and testing.',
  'Synthetic intake narrative (made up for demonstration purposes).',
] as const;

export const NARRATIVE_SENTENCES = [
  '{alias} describes meeting someone online who promised modelling work in {city}.',
  '{alias} says a family acquaintance offered a restaurant job that did not exist.',
  '{alias} was told a travel debt had to be paid off before leaving.',
  '{alias} reports that identity documents were kept "for safekeeping" by the employer.',
  '{alias} was moved between motels around {city} every few days.',
  '{alias} reached out after seeing a hotline number on a poster at a bus station.',
  '{alias} describes being followed and threatened when trying to leave.',
  'A friend of {alias} helped contact an outreach worker in {city}.',
  '{alias} would like help with housing and a safe phone.',
  '{alias} is worried about family members back home.',
  '{alias} asked for a female caseworker and an interpreter.',
  '{alias} wants to talk to a lawyer about immigration options.',
] as const;

export const NOTE_TEMPLATES: Record<string, readonly string[]> = {
  contact: [
    'Checked in with {alias}; feeling a bit better this week.',
    'Brief call with {alias} to confirm the appointment on Thursday.',
    '{alias} asked about bus passes; will bring two next visit.',
    'Met {alias} at the drop-in centre; talked about sleep and appetite.',
  ],
  session: [
    'Session with {alias}: worked on goals for the next month.',
    'Talked through budgeting basics with {alias}; practiced with a sample paycheck.',
    '{alias} shared worries about court; we made a list of questions for the lawyer.',
    'Reviewed progress on the service plan with {alias}.',
  ],
  safety_planning: [
    'Updated the safety plan with {alias}: new route to work, trusted contact added.',
    'Safety planning with {alias}; agreed on a code word with the shelter staff.',
    '{alias} reports no contact from the former employer; plan unchanged.',
  ],
  case_review: [
    'Case review with the coordinator; next steps for housing agreed.',
    'Monthly review: goals on track, referral to legal aid pending.',
    'Reviewed caseload priorities; this case stays at weekly contact.',
  ],
  advocacy: [
    'Called the housing office on behalf of {alias}; application is complete.',
    'Accompanied {alias} to the clinic; interpreter was available.',
    'Wrote a support letter for the benefits appointment of {alias}.',
  ],
  other: [
    'Dropped off a donated winter coat for {alias}.',
    'Arranged a phone top-up voucher for {alias}.',
    'Left a message at the shelter desk for {alias}.',
  ],
};

export const STATUS_REASONS = {
  activate: ['Intake complete; services started', 'Survivor agreed to a service plan'],
  hold: ['Survivor travelling to family for a few weeks', 'Survivor asked for a pause', 'Unable to reach survivor; trying again later'],
  resume: ['Survivor back in touch', 'Pause over; services resumed'],
} as const;

/** Closure reason (varchar) → HUD HMIS FY2024 destination codes (3.12) that fit it. */
export const CLOSURES: readonly { reason: string; weight: number; destinations: readonly number[] }[] = [
  { reason: 'goals_met', weight: 45, destinations: [410, 435, 422, 423, 302, 411] },
  { reason: 'moved_out_of_area', weight: 15, destinations: [410, 422, 312, 17] },
  { reason: 'lost_contact', weight: 18, destinations: [30, 37] },
  { reason: 'declined_services', weight: 10, destinations: [30, 17, 313, 116] },
  { reason: 'transferred', weight: 10, destinations: [302, 329, 101, 204] },
  { reason: 'other', weight: 2, destinations: [17, 99] },
];

export const CLOSE_REASON_TEXT: Record<string, string> = {
  goals_met: 'Service plan goals met',
  moved_out_of_area: 'Survivor moved out of the service area',
  lost_contact: 'No contact for 90 days',
  declined_services: 'Survivor declined further services',
  transferred: 'Transferred to another program',
  other: 'Closed for another reason',
};

export const REVOCATION_REASONS = ['Survivor changed their mind', 'Survivor asked to stop sharing', 'Partner no longer involved'] as const;
