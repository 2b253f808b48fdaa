import { isGiven, missesRequired } from './custom-field-rules.js';

describe('missesRequired: the one rule of a required custom field', () => {
  const required = { required: true, retiredAt: null };

  it('a required field without a value is missing: nothing, null, an empty text or an empty list', () => {
    for (const none of [undefined, null, '', []]) expect(missesRequired(required, none)).toBe(true);
  });

  it('a required field with a value is not missing, whatever the value (false and 0 are values; a PII ciphertext counts unread)', () => {
    for (const value of ['text', 0, false, ['option'], 'v1:ciphertext']) expect(missesRequired(required, value)).toBe(false);
  });

  it('a retired required field is never missing', () => {
    expect(missesRequired({ required: true, retiredAt: new Date('2026-01-01T00:00:00Z') }, undefined)).toBe(false);
    expect(missesRequired({ required: true, retiredAt: new Date('2026-01-01T00:00:00Z') }, [])).toBe(false);
  });

  it('a field that is not required is never missing', () => {
    expect(missesRequired({ required: false, retiredAt: null }, undefined)).toBe(false);
    expect(missesRequired({ required: false, retiredAt: null }, '')).toBe(false);
  });

  it('isGiven counts what the rule counts as a value', () => {
    expect([undefined, null, '', [], 0, false, 'a', ['a']].map(isGiven)).toEqual([false, false, false, false, true, true, true, true]);
  });
});
