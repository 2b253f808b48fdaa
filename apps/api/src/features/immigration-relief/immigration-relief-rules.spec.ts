import { NO_RELIEF, reliefProblems, type ReliefState } from './immigration-relief-rules.js';

const LATEST = '2026-06-01';
const none = NO_RELIEF;
const fields = (state: Partial<ReliefState>) => Object.keys(reliefProblems({ ...none, ...state }, LATEST)).sort();

/** Issue 16: a case's immigration relief, its states and dates checked together. */
describe('immigration relief rules', () => {
  it('accepts each state with the dates it has, and nothing missing', () => {
    for (const state of [
      {},
      { tVisaStatus: 'applied', tVisaAppliedOn: '2026-01-10' },
      { tVisaStatus: 'approved', tVisaAppliedOn: '2026-01-10', tVisaDecidedOn: '2026-05-02' },
      { tVisaStatus: 'denied', tVisaAppliedOn: '2026-01-10', tVisaDecidedOn: '2026-01-10' },
      { continuedPresenceStatus: 'requested', continuedPresenceRequestedOn: '2026-02-01' },
      { continuedPresenceStatus: 'granted', continuedPresenceRequestedOn: '2026-02-01', continuedPresenceDecidedOn: '2026-03-01', continuedPresenceExpiresOn: '2028-03-01' },
      { hhsLetter: 'eligibility', hhsLetterRequestedOn: '2026-02-01' },
      { hhsLetter: 'certification', hhsLetterRequestedOn: '2026-02-01', hhsLetterIssuedOn: '2026-04-01' },
    ] as Partial<ReliefState>[]) {
      expect([state, fields(state)]).toEqual([state, []]);
    }
  });

  it('names the field whose date does not belong to the state, is missing, is out of order or in the future', () => {
    expect(fields({ tVisaAppliedOn: '2026-01-10' })).toEqual(['tVisaAppliedOn']);
    expect(fields({ tVisaStatus: 'applied' })).toEqual(['tVisaAppliedOn']);
    expect(fields({ tVisaStatus: 'applied', tVisaAppliedOn: '2026-01-10', tVisaDecidedOn: '2026-02-10' })).toEqual(['tVisaDecidedOn']);
    expect(fields({ tVisaStatus: 'approved', tVisaAppliedOn: '2026-01-10' })).toEqual(['tVisaDecidedOn']);
    expect(fields({ tVisaStatus: 'denied', tVisaAppliedOn: '2026-03-10', tVisaDecidedOn: '2026-02-10' })).toEqual(['tVisaDecidedOn']);
    expect(fields({ tVisaStatus: 'applied', tVisaAppliedOn: '2026-06-02' })).toEqual(['tVisaAppliedOn']);
    expect(fields({ continuedPresenceStatus: 'granted', continuedPresenceRequestedOn: '2026-02-01' })).toEqual(['continuedPresenceDecidedOn']);
    expect(fields({ continuedPresenceStatus: 'denied', continuedPresenceRequestedOn: '2026-02-01', continuedPresenceDecidedOn: '2026-03-01', continuedPresenceExpiresOn: '2028-01-01' })).toEqual([
      'continuedPresenceExpiresOn',
    ]);
    expect(fields({ continuedPresenceStatus: 'granted', continuedPresenceRequestedOn: '2026-02-01', continuedPresenceDecidedOn: '2026-03-01', continuedPresenceExpiresOn: '2026-03-01' })).toEqual([
      'continuedPresenceExpiresOn',
    ]);
    expect(fields({ hhsLetterIssuedOn: '2026-04-01' })).toEqual(['hhsLetterIssuedOn']);
    expect(fields({ hhsLetter: 'certification', hhsLetterRequestedOn: '2026-04-02', hhsLetterIssuedOn: '2026-04-01' })).toEqual(['hhsLetterIssuedOn']);
  });
});
