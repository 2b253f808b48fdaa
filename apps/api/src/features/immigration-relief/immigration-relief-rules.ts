import type { IMMIGRATION_RELIEF_STATE_FIELDS, ImmigrationReliefResponse } from '@lantern/contracts';

/** The record's states and dates, as they would stand after a change. */
export type ReliefState = Pick<ImmigrationReliefResponse, (typeof IMMIGRATION_RELIEF_STATE_FIELDS)[number]>;

/** A new record: nothing applied for, requested or issued. */
export const NO_RELIEF: ReliefState = {
  tVisaStatus: 'not_applied',
  tVisaAppliedOn: null,
  tVisaDecidedOn: null,
  continuedPresenceStatus: 'not_requested',
  continuedPresenceRequestedOn: null,
  continuedPresenceDecidedOn: null,
  continuedPresenceExpiresOn: null,
  hhsLetter: null,
  hhsLetterRequestedOn: null,
  hhsLetterIssuedOn: null,
};

export type FieldProblems = Record<string, string[]>;

/**
 * What does not hold in a record, by field (empty when it all holds). Pure, so every state is tested
 * without a database (immigration-relief-rules.spec.ts):
 * - a date belongs to its state: an application date once applied for, a decision date only once
 *   decided (approved or denied, granted or denied), an expiry only when Continued Presence was granted,
 *   the HHS letter's dates only with its kind;
 * - a decision is not before its request, an expiry after the grant, an issue not before the request;
 * - no date is in the future: `latest` is the last day that has begun anywhere.
 */
export function reliefProblems(state: ReliefState, latest: string): FieldProblems {
  const problems: FieldProblems = {};
  const add = (field: string, problem: string) => (problems[field] ??= []).push(problem);
  const steps: [status: string, requested: keyof ReliefState, decided: keyof ReliefState, none: string, asked: string][] = [
    [state.tVisaStatus, 'tVisaAppliedOn', 'tVisaDecidedOn', 'not_applied', 'applied'],
    [state.continuedPresenceStatus, 'continuedPresenceRequestedOn', 'continuedPresenceDecidedOn', 'not_requested', 'requested'],
  ];
  for (const [status, requested, decided, none, asked] of steps) {
    if (status === none) {
      if (state[requested]) add(requested, `is only given once it was ${asked}`);
      if (state[decided]) add(decided, 'is only given once it was decided');
      continue;
    }
    if (!state[requested]) add(requested, `is required once it was ${asked}`);
    if (status === asked && state[decided]) add(decided, 'is only given once it was decided');
    if (status !== asked && !state[decided]) add(decided, 'is required once it was decided');
    if (state[requested] && state[decided] && state[decided]! < state[requested]!) add(decided, 'is before the request');
  }
  if (state.continuedPresenceExpiresOn) {
    if (state.continuedPresenceStatus !== 'granted') add('continuedPresenceExpiresOn', 'is only given when Continued Presence was granted');
    else if (state.continuedPresenceDecidedOn && state.continuedPresenceExpiresOn <= state.continuedPresenceDecidedOn) add('continuedPresenceExpiresOn', 'is not after the grant');
  }
  if (!state.hhsLetter) {
    if (state.hhsLetterRequestedOn) add('hhsLetterRequestedOn', 'is only given with the kind of letter');
    if (state.hhsLetterIssuedOn) add('hhsLetterIssuedOn', 'is only given with the kind of letter');
  } else if (state.hhsLetterRequestedOn && state.hhsLetterIssuedOn && state.hhsLetterIssuedOn < state.hhsLetterRequestedOn) {
    add('hhsLetterIssuedOn', 'is before the request');
  }
  // Every date but an expiry is a past event.
  for (const field of ['tVisaAppliedOn', 'tVisaDecidedOn', 'continuedPresenceRequestedOn', 'continuedPresenceDecidedOn', 'hhsLetterRequestedOn', 'hhsLetterIssuedOn'] as const) {
    const value = state[field];
    if (value && value > latest) add(field, 'is in the future');
  }
  return problems;
}
