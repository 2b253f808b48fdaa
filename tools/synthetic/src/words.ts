/**
 * Word lists and sentence templates of the synthetic data generator. Everything here is invented and
 * meant to read as invented: aliases are "colour/quality + nature word", narratives and notes say they
 * are fictional. `{alias}` and `{city}` are filled in by the generator.
 */

import type { ClosureReason, GoalDomain } from '@lantern/contracts';

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

/**
 * Closure reasons (the API's vocabulary, CLOSURE_REASONS) → HUD HMIS FY2024 exit destinations (3.12) that
 * fit them; never 335/336, which are living situations only.
 */
export const CLOSURES: readonly { reason: ClosureReason; weight: number; destinations: readonly number[] }[] = [
  { reason: 'completed_plan', weight: 40, destinations: [410, 435, 422, 423, 411, 421, 426, 302] },
  { reason: 'moved_away', weight: 12, destinations: [410, 422, 312, 313, 17] },
  { reason: 'lost_contact', weight: 16, destinations: [30, 37, 8] },
  { reason: 'client_declined', weight: 9, destinations: [30, 17, 313, 116, 9] },
  { reason: 'referred_out', weight: 11, destinations: [302, 329, 101, 204, 205, 332] },
  { reason: 'needs_not_met', weight: 8, destinations: [101, 116, 312, 313, 314, 207] },
  { reason: 'deceased', weight: 1, destinations: [24] },
  { reason: 'other', weight: 3, destinations: [17, 99, 9] },
];

/** The note written with the closure (the status change reads `reason: note`, as the API writes it). */
export const CLOSE_REASON_TEXT: Record<ClosureReason, string> = {
  completed_plan: 'Service plan goals met',
  moved_away: 'Survivor moved out of the service area',
  lost_contact: 'No contact for 90 days',
  client_declined: 'Survivor declined further services',
  referred_out: 'Transferred to another program',
  needs_not_met: 'Needs could not be met by the program',
  deceased: 'Survivor passed away',
  other: 'Closed for another reason',
};

export const REVOCATION_REASONS = ['Survivor changed their mind', 'Survivor asked to stop sharing', 'Partner no longer involved'] as const;

/** Why a caseworker asks for a service (`{alias}` filled in); stored encrypted in `referral.reason`. */
export const REFERRAL_REASONS: Record<string, readonly string[]> = {
  housing: [
    '{alias} is in a shelter bed that ends this month and needs transitional housing.',
    '{alias} has a steady income now and is ready for a supported apartment.',
    '{alias} is staying with a friend on a sofa; the arrangement ends soon.',
    '{alias} needs housing away from the area where the trafficker operates.',
  ],
  shelter: [
    '{alias} has no safe place to stay tonight.',
    '{alias} left the situation today and needs an emergency bed.',
    '{alias} is sleeping in a car; needs a safe bed while housing is arranged.',
    '{alias} was found by the trafficker at the current address and must move now.',
  ],
  legal: [
    '{alias} has open charges from the period of exploitation; needs a defence lawyer and vacatur advice.',
    '{alias} wants advice on a protection order.',
    '{alias} is owed wages and wants to know about a civil claim.',
    '{alias} has a court date next month and no lawyer.',
  ],
  immigration: [
    '{alias} wants to discuss T visa eligibility.',
    '{alias} needs help renewing work authorization.',
    '{alias} has no identity documents; the consulate appointment needs support.',
  ],
  medical: [
    '{alias} needs a general check-up and has had no care for two years.',
    '{alias} has an injury that has not healed; needs an appointment this week.',
    '{alias} asked for sexual health screening with a female clinician.',
    '{alias} needs dental care; pain is affecting sleep.',
  ],
  mental_health: [
    '{alias} reports nightmares and panic attacks; would like trauma-informed counselling.',
    '{alias} asked for a counsellor who speaks their language.',
    '{alias} is struggling with low mood since leaving; open to weekly sessions.',
  ],
  vocational: [
    '{alias} wants job training in hospitality or retail.',
    '{alias} would like help with a CV and interview practice.',
    '{alias} is interested in a paid apprenticeship.',
  ],
  education: [
    '{alias} wants to finish high school (GED classes).',
    '{alias} asked for English classes in the evening.',
  ],
  financial: [
    '{alias} needs help opening a bank account and with a first budget.',
    '{alias} has debts opened in their name; needs credit repair advice.',
  ],
  other: ['{alias} asked for help replacing a lost phone and ID documents.'],
};

/** The partner's closing note on a completed referral (encrypted in `referral.outcome_note`). */
export const REFERRAL_OUTCOMES: Record<string, readonly string[]> = {
  housing: [
    'Moved into a transitional apartment; 12-month lease signed.',
    'Placed in supported housing; weekly check-ins with our housing worker.',
    'Housing voucher approved; {alias} moved in and has the keys.',
  ],
  shelter: [
    'Stayed with us until a housing place opened; left on good terms.',
    'Emergency bed provided for two weeks, then moved to family.',
    '{alias} stayed three weeks and moved on to transitional housing.',
  ],
  legal: [
    'Vacatur motion granted.',
    'Protection order granted; copy given to {alias}.',
    'Advice given; {alias} decided not to pursue a claim for now.',
  ],
  immigration: ['T visa application filed; receipt notice received.', 'Work authorization renewed.', 'Consular ID obtained.'],
  medical: ['Check-up done; follow-up booked with the clinic.', 'Treatment completed; no further visits needed.', 'Screening done; results discussed with {alias}.'],
  mental_health: ['Completed 12 counselling sessions; referred to a peer group.', 'Short-term counselling finished; {alias} may return at any time.'],
  vocational: ['Finished the 8-week course; started a part-time job.', 'Completed the program with a certificate.'],
  education: ['Enrolled and attending evening classes.', 'Passed two GED subjects.'],
  financial: ['Bank account opened; budget plan in place.', 'Two fraudulent debts removed from the credit record.'],
  other: ['Done: new phone and a replacement ID.'],
};

/** A partner's reason to decline. */
export const DECLINE_REASONS = [
  'No capacity this month',
  'Outside our service area',
  'Does not meet our eligibility criteria (age)',
  'We cannot serve in the survivor’s language right now',
  'Waiting list is over three months; a faster option is better',
  'Service needs a referral from a physician first',
] as const;

/** Why a draft was withdrawn before it went out. */
export const DRAFT_CANCEL_REASONS = ['Survivor no longer wants this referral', 'Duplicate request', 'Survivor found a place through family', 'Wrong service type chosen'] as const;

/** Why the program withdrew a referral the partner had taken. */
export const WITHDRAW_REASONS = [
  'Survivor moved out of the service area',
  'Survivor chose another provider',
  'Survivor stopped attending and asked us to close the referral',
  'Survivor is safe with family and no longer needs the service',
] as const;

/**
 * A coordinator's written reason for sending a referral without a covering consent (stored in clear:
 * it names no one and is shown on the case).
 */
export const CONSENT_OVERRIDE_REASONS = [
  'Emergency placement tonight; survivor agreed verbally, written consent to follow tomorrow',
  'Survivor agreed by phone; the form will be signed at the partner’s intake',
  'Interpreter not available to go through the consent form; survivor agreed to share these fields',
  'Clinic needs name and date of birth to admit today; survivor agreed at the hospital',
  'Consent signed on paper at the shelter; scanning it in this week',
  'Previous consent expired; renewal booked for Monday and the placement cannot wait',
] as const;

/** Goals in the survivor's own words, by domain (stored encrypted in `goal.description`). */
export const GOAL_TEMPLATES: Record<GoalDomain, readonly string[]> = {
  housing: ['I want a place of my own where I feel safe.', 'Move from the shelter into transitional housing.', 'Find an apartment I can afford near my work.', 'Keep my lease for the whole year.'],
  employment: ['Find a job with regular hours and a real contract.', 'Get my food handler certificate and apply for kitchen jobs.', 'Work part-time while I finish my course.', 'Save enough from work to not depend on anyone.'],
  education: ['Finish my high school equivalency.', 'Go back to school in the autumn.', 'Take English classes twice a week.', 'Enrol in the nursing assistant course.'],
  health: ['See a doctor about my back pain.', 'Get my teeth fixed.', 'Keep my medical appointments every month.', 'Get health insurance in my own name.'],
  mental_health: ['Talk to a counsellor every week.', 'Sleep through the night more often.', 'Learn what to do when the panic comes.', 'Join the survivor support group.'],
  legal: ['Get my T visa application filed.', 'Testify safely, with an advocate with me.', 'Clear the charges that were forced on me.', 'Get a protection order.'],
  safety: ['Have a safety plan I know by heart.', 'Change my phone and keep my new number private.', 'Know who to call if he finds me.', 'Feel safe walking to the bus stop.'],
  financial: ['Open a bank account only I control.', 'Make a budget and stick to it.', 'Pay off the phone debt in my name.', 'Get my ID and benefits sorted.'],
  family: ['See my children every weekend.', 'Call my mother back home every week.', 'Get custody of my son back.', 'Rebuild trust with my sister.'],
  other: ['Get my driving licence.', 'Find a church or community group I like.', 'Learn to cook for myself.'],
};

/** Steps towards a goal, by who does them. */
export const TASK_TEMPLATES: Record<'survivor' | 'caseworker' | 'partner', Partial<Record<GoalDomain, readonly string[]>> & { other: readonly string[] }> = {
  survivor: {
    housing: ['Fill in the housing application form', 'Visit two apartments with the advocate', 'Collect payslips for the landlord'],
    employment: ['Write a CV with the job coach', 'Apply to three jobs this week', 'Go to the interview on Thursday'],
    education: ['Bring ID to the enrolment office', 'Attend the first week of classes'],
    mental_health: ['Go to the counselling session', 'Try the breathing exercise each evening'],
    safety: ['Memorise the safety plan', 'Keep the emergency bag packed'],
    financial: ['Bring ID to open the bank account', 'Track spending for a month'],
    other: ['Call the caseworker on Monday', 'Keep the appointment diary up to date'],
  },
  caseworker: {
    housing: ['Call the housing authority about the waiting list', 'Request a rental deposit grant'],
    legal: ['Send the certification request', 'Book an interpreter for the legal appointment'],
    health: ['Book the clinic appointment with an interpreter', 'Arrange transport to the clinic'],
    safety: ['Review the safety plan together', 'Check the address confidentiality programme'],
    financial: ['Help with the benefits application', 'Request a replacement ID'],
    other: ['Follow up by phone', 'Write a support letter', 'Check in after the appointment'],
  },
  partner: {
    housing: ['Hold a room and confirm the move-in date', 'Do the housing intake interview'],
    legal: ['Prepare the visa application', 'Represent at the hearing'],
    health: ['First medical check-up'],
    mental_health: ['Start weekly counselling sessions'],
    employment: ['Enrol in the job-readiness course', 'Arrange a work placement'],
    education: ['Assess the level and place in a class'],
    financial: ['Financial literacy sessions'],
    other: ['Deliver the service agreed in the referral'],
  },
};
